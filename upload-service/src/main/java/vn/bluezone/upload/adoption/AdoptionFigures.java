package vn.bluezone.upload.adoption;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import vn.bluezone.protocol.api.Adoption;
import vn.bluezone.protocol.provinces.AdministrativeUnits;

/**
 * Adoption per province on a day, from the stored per-day counts only (registrations, closed days of
 * activity, smartphone uploads) and the units' population: three small queries whatever the number of
 * devices.
 */
@Component
class AdoptionFigures {

    private static final int WEEK = 7;

    /** Registrations of a province: to the end of the day, on the day, to the end of the day a week before. */
    private record Registrations(long total, long onTheDay, long weekBefore) {
    }

    private record Active(LocalDate day, Map<String, Long> byProvince) {
    }

    private record Smartphones(LocalDate asOf, Map<String, Long> byProvince) {
    }

    private final DatabaseClient db;
    private final AdministrativeUnits units;

    AdoptionFigures(DatabaseClient db, AdministrativeUnits units) {
        this.db = db;
        this.units = units;
    }

    Mono<Adoption> on(LocalDate day) {
        return Mono.zip(registrations(day), active(day), smartphones(day))
                .map(all -> figures(day, all.getT1(), all.getT2(), all.getT3()));
    }

    private Mono<Map<String, Registrations>> registrations(LocalDate day) {
        return db.sql("SELECT province_code, coalesce(sum(registrations) FILTER (WHERE day <= :d), 0) AS total, "
                        + "coalesce(sum(registrations) FILTER (WHERE day = :d), 0) AS on_day, "
                        + "coalesce(sum(registrations) FILTER (WHERE day <= :w), 0) AS week_before "
                        + "FROM upload.registration_count WHERE day <= :d GROUP BY province_code")
                .bind("d", day).bind("w", day.minusDays(WEEK))
                .map(row -> Map.entry(row.get("province_code", String.class), new Registrations(
                        number(row.get("total")), number(row.get("on_day")), number(row.get("week_before")))))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** Active devices of the latest counted day on or before {@code day}. */
    private Mono<Optional<Active>> active(LocalDate day) {
        return db.sql("SELECT c.day, c.province_code, c.active_7_days FROM upload.activity_count c "
                        + "WHERE c.day = (SELECT max(day) FROM upload.closed_activity_day WHERE day <= :d)")
                .bind("d", day)
                .map(row -> Map.entry(row.get("day", LocalDate.class),
                        Map.entry(row.get("province_code", String.class), number(row.get("active_7_days")))))
                .all().collectList()
                .map(rows -> rows.isEmpty() ? Optional.empty() : Optional.of(new Active(rows.get(0).getKey(),
                        rows.stream().collect(HashMap::new, (map, row) -> map.put(row.getValue().getKey(),
                                row.getValue().getValue()), Map::putAll))));
    }

    /** The latest upload dated on or before {@code day}. */
    private Mono<Optional<Smartphones>> smartphones(LocalDate day) {
        return db.sql("SELECT u.as_of, c.province_code, c.smartphones FROM upload.smartphone_count c JOIN "
                        + "(SELECT id, as_of FROM upload.smartphone_upload WHERE as_of <= :d ORDER BY as_of DESC, id DESC "
                        + "LIMIT 1) u ON c.upload_id = u.id")
                .bind("d", day)
                .map(row -> Map.entry(row.get("as_of", LocalDate.class),
                        Map.entry(row.get("province_code", String.class), number(row.get("smartphones")))))
                .all().collectList()
                .map(rows -> rows.isEmpty() ? Optional.empty() : Optional.of(new Smartphones(rows.get(0).getKey(),
                        rows.stream().collect(HashMap::new, (map, row) -> map.put(row.getValue().getKey(),
                                row.getValue().getValue()), Map::putAll))));
    }

    private Adoption figures(LocalDate day, Map<String, Registrations> registrations, Optional<Active> active,
            Optional<Smartphones> smartphones) {
        List<AdministrativeUnits.Province> provinces = units.all();
        Registrations none = new Registrations(0, 0, 0);
        // Rank by the unrounded share, so provinces that round alike are still told apart.
        List<AdministrativeUnits.Province> byShare = provinces.stream()
                .sorted(Comparator.comparingDouble((AdministrativeUnits.Province p) ->
                        share(registrations.getOrDefault(p.code(), none).total(), p.population2019())).reversed())
                .toList();
        Map<String, Integer> ranks = new HashMap<>();
        for (int i = 0; i < byShare.size(); i++) {
            AdministrativeUnits.Province province = byShare.get(i);
            double share = share(registrations.getOrDefault(province.code(), none).total(), province.population2019());
            boolean tie = i > 0 && share == share(registrations.getOrDefault(byShare.get(i - 1).code(), none).total(),
                    byShare.get(i - 1).population2019());
            ranks.put(province.code(), tie ? ranks.get(byShare.get(i - 1).code()) : i + 1);
        }
        List<Adoption.Province> rows = new ArrayList<>();
        for (AdministrativeUnits.Province province : provinces) {
            Registrations counted = registrations.getOrDefault(province.code(), none);
            Long phones = smartphones.map(s -> s.byProvince().get(province.code())).orElse(null);
            double percent = percent(counted.total(), province.population2019());
            double change = round2(percent - percent(counted.weekBefore(), province.population2019()));
            rows.add(new Adoption.Province(province.code(), province.name(), province.population2019(), counted.total(),
                    counted.onTheDay(), active.map(a -> a.byProvince().getOrDefault(province.code(), 0L)).orElse(null),
                    percent, phones, phones == null || phones == 0 ? null : percent(counted.total(), phones),
                    ranks.get(province.code()), provinces.size(), counted.total() - counted.weekBefore(), change,
                    change > 0 ? Adoption.Trend.UP : change < 0 ? Adoption.Trend.DOWN : Adoption.Trend.FLAT));
        }
        long population = provinces.stream().mapToLong(AdministrativeUnits.Province::population2019).sum();
        long registered = registrations.values().stream().mapToLong(Registrations::total).sum();
        Long allPhones = smartphones.map(s -> s.byProvince().values().stream().mapToLong(Long::longValue).sum()).orElse(null);
        Adoption.Totals national = new Adoption.Totals(population, registered,
                registrations.values().stream().mapToLong(Registrations::onTheDay).sum(),
                active.map(a -> a.byProvince().values().stream().mapToLong(Long::longValue).sum()).orElse(null),
                percent(registered, population), allPhones,
                allPhones == null || allPhones == 0 ? null : percent(registered, allPhones));
        return new Adoption(day, units.edition(), active.map(Active::day).orElse(null),
                smartphones.map(Smartphones::asOf).orElse(null), rows, national);
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    /** A percentage with two decimals: 41,177 of 598,856 is 6.88. */
    static double percent(long part, long whole) {
        return round2(100.0 * share(part, whole));
    }

    private static double round2(double value) {
        return Math.round(value * 100.0) / 100.0;
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
