package vn.bluezone.protocol.provinces;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Vietnam's provincial units as data (resources next to this class, with their sources in
 * SOURCES.md): the 34 units in force since 1 July 2025 by default, or the 63 units of 2008–2025.
 * Codes are the statistics office's two-digit codes; population is the 2019 census, the same base for
 * both tables.
 */
public final class AdministrativeUnits {

    /** One provincial unit. */
    public record Province(String code, String name, String nameAscii, long population2019) {
    }

    private final String edition;
    private final Map<String, Province> byCode;

    private AdministrativeUnits(String edition, Map<String, Province> byCode) {
        this.edition = edition;
        this.byCode = byCode;
    }

    /** @param edition {@code 2025} (34 units, the default) or {@code 2008} (63 units, 2008 – 30 June 2025) */
    public static AdministrativeUnits of(String edition) {
        String file = switch (edition) {
            case "2025" -> "vn-provinces-34-2025.csv";
            case "2008" -> "vn-provinces-63-2019.csv";
            default -> throw new IllegalArgumentException("Administrative units are 2025 or 2008, not " + edition);
        };
        CsvMapper csv = CsvMapper.builder().build();
        Map<String, Province> byCode = new LinkedHashMap<>();
        try (InputStream in = AdministrativeUnits.class.getResourceAsStream(file);
                MappingIterator<Map<String, String>> rows = csv.readerFor(Map.class)
                        .with(CsvSchema.emptySchema().withHeader()).readValues(in)) {
            while (rows.hasNext()) {
                Map<String, String> row = rows.next();
                byCode.put(row.get("code"), new Province(row.get("code"), row.get("name"), row.get("name_ascii"),
                        Long.parseLong(row.get("population_2019"))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return new AdministrativeUnits(edition, byCode);
    }

    public Optional<Province> find(String code) {
        return Optional.ofNullable(code == null ? null : byCode.get(code));
    }

    public List<Province> all() {
        return List.copyOf(byCode.values());
    }

    /** {@code 2025} or {@code 2008}. */
    public String edition() {
        return edition;
    }
}
