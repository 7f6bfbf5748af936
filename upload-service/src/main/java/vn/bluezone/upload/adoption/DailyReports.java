package vn.bluezone.upload.adoption;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import vn.bluezone.protocol.api.Adoption;
import vn.bluezone.upload.UploadProperties;

/**
 * The daily adoption report: at {@code daily-report-time} (07:00 in Vietnam) the figures of the day
 * before are computed and kept as they were then, so the report a steering committee got can be
 * downloaded again unchanged. Every instance checks; the first to store the day's report wins, and a
 * report missed while no instance ran is made at the next check.
 */
@Component
public class DailyReports {

    private static final Logger log = LoggerFactory.getLogger(DailyReports.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DatabaseClient db;
    private final AdoptionFigures figures;
    private final ActivityDays activityDays;
    private final UploadProperties properties;
    private final Clock clock;

    DailyReports(DatabaseClient db, AdoptionFigures figures, ActivityDays activityDays, UploadProperties properties,
            Clock clock) {
        this.db = db;
        this.figures = figures;
        this.activityDays = activityDays;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${bluezone.upload.daily-report-check-interval}",
            initialDelayString = "${bluezone.upload.adoption-jobs-delay}")
    void makeDueReport() {
        makeDueReport(clock.instant()).block(Duration.ofMinutes(5));
    }

    /** The day whose report is due at {@code now}: yesterday from the report time on, else the day before. */
    LocalDate dueDay(Instant now) {
        ZonedDateTime local = now.atZone(properties.statisticsZone());
        LocalDate yesterday = local.toLocalDate().minusDays(1);
        return local.toLocalTime().isBefore(properties.dailyReportTime()) ? yesterday.minusDays(1) : yesterday;
    }

    /** Makes the due report unless it exists; emits its day when this call made it. */
    public Mono<LocalDate> makeDueReport(Instant now) {
        LocalDate day = dueDay(now);
        return report(day).hasElement().flatMap(exists -> exists ? Mono.<LocalDate>empty()
                : activityDays.closeDaysEndedBy(now)
                        .then(figures.on(day))
                        .flatMap(adoption -> db.sql("INSERT INTO upload.adoption_report (day, generated_at, figures) "
                                        + "VALUES (:d, :at, :f) ON CONFLICT DO NOTHING")
                                .bind("d", day).bind("at", now).bind("f", JSON.writeValueAsString(adoption))
                                .fetch().rowsUpdated())
                        .filter(rows -> rows == 1)
                        .map(rows -> day)
                        .doOnNext(made -> log.info("Daily adoption report of {} made", made)));
    }

    /** The kept report of a day, as it was made. */
    Mono<Adoption> report(LocalDate day) {
        return db.sql("SELECT figures FROM upload.adoption_report WHERE day = :d").bind("d", day)
                .map(row -> JSON.readValue(row.get("figures", String.class), Adoption.class)).one();
    }

    /** The days that have a report, newest first. */
    Flux<LocalDate> days(int limit) {
        return db.sql("SELECT day FROM upload.adoption_report ORDER BY day DESC LIMIT :n").bind("n", limit)
                .map(row -> row.get("day", LocalDate.class)).all();
    }
}
