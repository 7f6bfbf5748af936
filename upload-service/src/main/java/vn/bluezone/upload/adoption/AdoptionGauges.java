package vn.bluezone.upload.adoption;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.util.function.ToDoubleFunction;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import vn.bluezone.protocol.api.Adoption;
import vn.bluezone.upload.UploadProperties;

/**
 * Adoption per province in Prometheus, recomputed from the stored counts every
 * {@code adoption-gauge-interval}: {@code bluezone_adoption_registered{province}},
 * {@code bluezone_adoption_active_last_week{province}} and {@code bluezone_adoption_population_percent{province}}.
 * Every instance reports the same figures (they come from the shared database): aggregate with max, not sum.
 */
@Component
class AdoptionGauges {

    private final AdoptionFigures figures;
    private final UploadProperties properties;
    private final Clock clock;
    private final MultiGauge registered;
    private final MultiGauge active;
    private final MultiGauge percent;

    AdoptionGauges(AdoptionFigures figures, UploadProperties properties, Clock clock, MeterRegistry meters) {
        this.figures = figures;
        this.properties = properties;
        this.clock = clock;
        this.registered = MultiGauge.builder("bluezone.adoption.registered")
                .description("Devices registered in the province, to the end of today").register(meters);
        this.active = MultiGauge.builder("bluezone.adoption.active.last.week")
                .description("Devices of the province active in the 7 days ending with the latest counted day")
                .register(meters);
        this.percent = MultiGauge.builder("bluezone.adoption.population.percent")
                .description("Registered devices as a percentage of the province's population").register(meters);
    }

    @Scheduled(fixedDelayString = "${bluezone.upload.adoption-gauge-interval}",
            initialDelayString = "${bluezone.upload.adoption-jobs-delay}")
    void refresh() {
        Adoption today = figures.on(properties.statisticsToday(clock)).block(Duration.ofMinutes(1));
        if (today != null) {
            set(registered, today, Adoption.Province::registered);
            set(active, today, province -> province.active7Days() == null ? Double.NaN : province.active7Days());
            set(percent, today, Adoption.Province::percentOfPopulation);
        }
    }

    private static void set(MultiGauge gauge, Adoption adoption, ToDoubleFunction<Adoption.Province> value) {
        gauge.register(adoption.provinces().stream()
                .map(province -> MultiGauge.Row.of(Tags.of("province", province.provinceCode()), value.applyAsDouble(province)))
                .toList(), true);
    }
}
