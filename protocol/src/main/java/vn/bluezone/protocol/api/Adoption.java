package vn.bluezone.protocol.api;

import java.time.LocalDate;
import java.util.List;

/**
 * {@code GET /api/v1/official/adoption?date=}: app adoption per province on a day, from stored per-day
 * counts. Registered devices are cumulative to the end of {@code date}; devices active in the 7 days
 * ending with {@code activeAsOf} (the latest counted day on or before {@code date}, null before any);
 * smartphones from the latest operators' upload dated on or before {@code date} ({@code smartphonesAsOf},
 * null if none). Percentages have two decimals; the rank is by share of population, 1 the highest.
 */
public record Adoption(LocalDate date, String administrativeUnits, LocalDate activeAsOf, LocalDate smartphonesAsOf,
        List<Province> provinces, Totals national) {

    /** Whether a share went up (good), down (bad) or stayed, against 7 days before. */
    public enum Trend {
        UP, FLAT, DOWN
    }

    /** One province. {@code active7Days}, {@code smartphones} and their percentage are null when unknown. */
    public record Province(String provinceCode, String name, long population, long registered, long newRegistrations,
            Long active7Days, double percentOfPopulation, Long smartphones, Double percentOfSmartphones, int rank,
            int provinceCount, long registeredChange7Days, double percentOfPopulationChange7Days, Trend trend) {
    }

    /** The whole country, devices that named no province included. */
    public record Totals(long population, long registered, long newRegistrations, Long active7Days,
            double percentOfPopulation, Long smartphones, Double percentOfSmartphones) {
    }
}
