package vn.bluezone.upload;

import vn.bluezone.testsupport.TestClients;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.bluezone.protocol.api.AuditEvent;
import vn.bluezone.protocol.api.BulkCaseResult;
import vn.bluezone.protocol.api.CaseCreated;
import vn.bluezone.protocol.api.CaseRegistration;
import vn.bluezone.protocol.api.DeviceRegistered;
import vn.bluezone.protocol.api.DeviceRegistration;
import vn.bluezone.protocol.api.OfficialAccount;
import vn.bluezone.protocol.api.VerificationRequest;
import vn.bluezone.protocol.auth.GatewayHeaders;
import vn.bluezone.protocol.auth.OfficialRole;
import vn.bluezone.protocol.auth.OfficialScope;
import vn.bluezone.testsupport.AsGateway;
import vn.bluezone.testsupport.TestInfrastructure;
import vn.bluezone.testsupport.TestKeys;

/** Accounts, roles, provinces and the audit log, as the gateway's callers reach them, on real PostgreSQL and Kafka. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bluezone.upload.bootstrap-official-user=official",
        "bluezone.upload.bootstrap-official-password=correct horse",
        "bluezone.upload.topic-partitions=3",
        "logging.structured.format.console="})
class OfficialAccessIT {

    private static final OfficialScope DIEN_BIEN_HEALTH = new OfficialScope(Set.of(OfficialRole.HEALTH_OFFICIAL), Set.of("11"));
    private static final String PASSWORD = "a long enough password";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestKeys.register(registry, TestKeys.uploadServiceProperties());
        TestInfrastructure.registerProperties(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    DatabaseClient db;

    /** As the bootstrap ADMIN (every role, national). */
    WebTestClient admin;

    @BeforeEach
    void clients() {
        admin = client(AsGateway.EVERY_ROLE);
    }

    private WebTestClient client(OfficialScope scope) {
        return TestClients.bindToServer().filter(AsGateway.identities(TestKeys.UPLOAD_ASSERTIONS, scope))
                .baseUrl("http://localhost:" + port)
                .defaultHeader(GatewayHeaders.CLIENT_ADDRESS, "203.0.113.20").build();
    }

    @Test
    void adminsCreateEditAndDisableAccountsAndEveryChangeIsAuditedWithWhoWhenAndWhere() {
        String lan = "lan-" + UUID.randomUUID().toString().substring(0, 8);
        OfficialAccount created = admin.post().uri("/api/v1/official/accounts").header(GatewayHeaders.OFFICIAL, "official")
                .bodyValue(Map.of("username", lan, "password", PASSWORD, "displayName", "Nguyễn Thị Lan",
                        "roles", List.of("HEALTH_OFFICIAL"), "provinces", List.of("11")))
                .exchange().expectStatus().isCreated().expectBody(OfficialAccount.class).returnResult().getResponseBody();
        assertThat(created.scope()).isEqualTo(DIEN_BIEN_HEALTH);
        assertThat(admin.get().uri("/api/v1/official/accounts").header(GatewayHeaders.OFFICIAL, "official").exchange()
                .expectStatus().isOk().expectBodyList(OfficialAccount.class).returnResult().getResponseBody())
                .extracting(OfficialAccount::username).contains(lan, "official");
        login(lan, PASSWORD).expectStatus().isOk();
        session(lan).expectStatus().isOk().expectBody(OfficialAccount.class)
                .value(account -> assertThat(account.scope()).isEqualTo(DIEN_BIEN_HEALTH));

        patch(lan, Map.of("roles", List.of("HEALTH_OFFICIAL", "PROVINCE_OFFICER"), "provinces", List.of("11", "01")))
                .expectStatus().isOk();
        session(lan).expectBody(OfficialAccount.class).value(account -> assertThat(account.scope()).isEqualTo(
                new OfficialScope(Set.of(OfficialRole.HEALTH_OFFICIAL, OfficialRole.PROVINCE_OFFICER), Set.of("01", "11"))));
        patch(lan, Map.of("disabled", true)).expectStatus().isOk()
                .expectBody(OfficialAccount.class).value(account -> assertThat(account.disabledAt()).isNotNull());
        session(lan).expectStatus().isUnauthorized();
        login(lan, PASSWORD).expectStatus().isUnauthorized();

        AuditEvent.Page audit = admin.get().uri("/api/v1/official/audit?target={t}", lan)
                .header(GatewayHeaders.OFFICIAL, "official").exchange().expectStatus().isOk()
                .expectBody(AuditEvent.Page.class).returnResult().getResponseBody();
        assertThat(audit.events()).extracting(AuditEvent::action)
                .containsExactly("account.disabled", "account.updated", "account.logged.in", "account.created");
        assertThat(audit.events()).filteredOn(event -> !event.action().equals("account.logged.in"))
                .allSatisfy(event -> {
                    assertThat(event.actor()).isEqualTo("official");
                    assertThat(event.clientAddress()).isEqualTo("203.0.113.20");
                    assertThat(event.at()).isNotNull();
                });
        assertThat(audit.events().get(1).detail()).contains("PROVINCE_OFFICER").contains("01");
        assertThat(audit.events()).noneSatisfy(event -> assertThat(String.valueOf(event.detail())).contains(PASSWORD));
    }

    @Test
    void inconsistentOrUnknownAccountsAreProblemsAndChangeNothing() {
        long before = accounts();
        String name = "bad-" + UUID.randomUUID().toString().substring(0, 8);
        List<Map<String, Object>> bad = List.of(
                Map.of("username", name, "password", PASSWORD, "roles", List.of("HEALTH_OFFICIAL"), "provinces", List.of()),
                Map.of("username", name, "password", PASSWORD, "roles", List.of("OPERATOR"), "provinces", List.of("11")),
                Map.of("username", name, "password", PASSWORD, "roles", List.of("HEALTH_OFFICIAL"), "provinces", List.of("02")),
                Map.of("username", name, "password", PASSWORD, "roles", List.of(), "provinces", List.of("11")),
                Map.of("username", name, "password", PASSWORD, "roles", List.of("SUPERUSER"), "provinces", List.of("11")),
                Map.of("username", name, "password", "short", "roles", List.of("HEALTH_OFFICIAL"), "provinces", List.of("11")),
                Map.of("username", "Not A Name", "password", PASSWORD, "roles", List.of("HEALTH_OFFICIAL"), "provinces", List.of("11")));
        for (Map<String, Object> account : bad) {
            admin.post().uri("/api/v1/official/accounts").header(GatewayHeaders.OFFICIAL, "official").bodyValue(account)
                    .exchange().expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        admin.post().uri("/api/v1/official/accounts").header(GatewayHeaders.OFFICIAL, "official")
                .bodyValue(Map.of("username", "official", "password", PASSWORD, "roles", List.of("OPERATOR"), "provinces", List.of()))
                .exchange().expectStatus().isEqualTo(409).expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        patch("official", Map.of("provinces", List.of("11"))).expectStatus().isBadRequest(); // an ADMIN is national
        patch("nobody-" + UUID.randomUUID(), Map.of("disabled", true)).expectStatus().isNotFound();
        assertThat(accounts()).isEqualTo(before);
        session("official").expectBody(OfficialAccount.class).value(account -> assertThat(account.scope()).isEqualTo(AsGateway.EVERY_ROLE));
    }

    @Test
    void onlyAdminsManageAccountsAndReadTheAuditLogAndDevicesCallNoOfficialEndpoint() {
        WebTestClient healthOfficial = client(DIEN_BIEN_HEALTH);
        WebTestClient operator = client(new OfficialScope(Set.of(OfficialRole.OPERATOR, OfficialRole.PROVINCE_OFFICER), Set.of()));
        long before = accounts();
        for (WebTestClient notAdmin : List.of(healthOfficial, operator)) {
            notAdmin.get().uri("/api/v1/official/accounts").header(GatewayHeaders.OFFICIAL, "lan").exchange()
                    .expectStatus().isForbidden().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
            notAdmin.post().uri("/api/v1/official/accounts").header(GatewayHeaders.OFFICIAL, "lan")
                    .bodyValue(Map.of("username", "sneaky", "password", PASSWORD, "roles", List.of("ADMIN"), "provinces", List.of()))
                    .exchange().expectStatus().isForbidden();
            notAdmin.patch().uri("/api/v1/official/accounts/official").header(GatewayHeaders.OFFICIAL, "lan")
                    .bodyValue(Map.of("disabled", true)).exchange().expectStatus().isForbidden();
            notAdmin.get().uri("/api/v1/official/audit").header(GatewayHeaders.OFFICIAL, "lan").exchange()
                    .expectStatus().isForbidden();
        }
        String device = UUID.randomUUID().toString();
        admin.get().uri("/api/v1/official/accounts").header(GatewayHeaders.DEVICE_ID, device).exchange()
                .expectStatus().isForbidden();
        admin.post().uri("/api/v1/official/cases").header(GatewayHeaders.DEVICE_ID, device)
                .bodyValue(new CaseRegistration(LocalDate.now(ZoneOffset.UTC), null, "11")).exchange().expectStatus().isForbidden();
        assertThat(accounts()).isEqualTo(before);
        session("official").expectStatus().isOk();
    }

    @Test
    void theLastActiveAdminCanBeNeitherDisabledNorDemoted() {
        List<String> others = db.sql("UPDATE upload.official SET disabled_at = now() WHERE username <> 'official' "
                        + "AND 'ADMIN' = ANY (roles) AND disabled_at IS NULL RETURNING username")
                .map(row -> row.get("username", String.class)).all().collectList().block();
        try {
            patch("official", Map.of("disabled", true)).expectStatus().isEqualTo(409)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
            patch("official", Map.of("roles", List.of("OPERATOR"))).expectStatus().isEqualTo(409);
            session("official").expectBody(OfficialAccount.class).value(account -> assertThat(account.scope()).isEqualTo(AsGateway.EVERY_ROLE));

            String second = "admin-" + UUID.randomUUID().toString().substring(0, 8);
            admin.post().uri("/api/v1/official/accounts").header(GatewayHeaders.OFFICIAL, "official")
                    .bodyValue(Map.of("username", second, "password", PASSWORD, "roles", List.of("ADMIN"), "provinces", List.of()))
                    .exchange().expectStatus().isCreated();
            patch(second, Map.of("disabled", true)).expectStatus().isOk(); // "official" is still an active ADMIN
        } finally {
            if (!others.isEmpty()) {
                db.sql("UPDATE upload.official SET disabled_at = NULL WHERE username IN (:names)").bind("names", others)
                        .then().block();
            }
        }
    }

    @Test
    void anOfficialOfOneProvinceCannotConfirmIssueOrExpireCodesOfAnotherProvincesCase() {
        account("lan", DIEN_BIEN_HEALTH);
        WebTestClient dienBien = client(DIEN_BIEN_HEALTH);
        CaseCreated saigon = confirm(admin, "79").expectStatus().isCreated().expectBody(CaseCreated.class)
                .returnResult().getResponseBody();
        long casesBefore = count("SELECT count(*) AS n FROM upload.covid_case");

        confirm(dienBien, "79").expectStatus().isForbidden().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        dienBien.post().uri("/api/v1/official/cases/{id}/codes", saigon.caseId()).header(GatewayHeaders.OFFICIAL, "lan")
                .exchange().expectStatus().isNotFound().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        dienBien.delete().uri("/api/v1/official/cases/{id}/codes", saigon.caseId()).header(GatewayHeaders.OFFICIAL, "lan")
                .exchange().expectStatus().isNotFound();
        client(new OfficialScope(Set.of(OfficialRole.PROVINCE_OFFICER), Set.of("79")))
                .post().uri("/api/v1/official/cases").header(GatewayHeaders.OFFICIAL, "officer")
                .bodyValue(new CaseRegistration(LocalDate.now(ZoneOffset.UTC), null, "79"))
                .exchange().expectStatus().isForbidden();
        assertThat(count("SELECT count(*) AS n FROM upload.covid_case")).isEqualTo(casesBefore);
        assertThat(count("SELECT count(*) AS n FROM upload.verification_code WHERE case_id = '" + saigon.caseId() + "'"))
                .isEqualTo(1);
        // Saigon's code still works: nothing the other province's official tried changed it.
        verify(register(), saigon.verificationCode()).expectStatus().isOk();

        CaseCreated own = confirm(dienBien, "11").expectStatus().isCreated().expectBody(CaseCreated.class)
                .returnResult().getResponseBody();
        dienBien.delete().uri("/api/v1/official/cases/{id}/codes", own.caseId()).header(GatewayHeaders.OFFICIAL, "lan")
                .exchange().expectStatus().isNoContent();
        verify(register(), own.verificationCode()).expectStatus().isForbidden(); // expired by the official
        CaseCreated again = dienBien.post().uri("/api/v1/official/cases/{id}/codes", own.caseId())
                .header(GatewayHeaders.OFFICIAL, "lan").exchange().expectStatus().isCreated()
                .expectBody(CaseCreated.class).returnResult().getResponseBody();
        verify(register(), again.verificationCode()).expectStatus().isOk();

        assertThat(admin.get().uri("/api/v1/official/audit?target={t}", own.caseId().toString())
                .header(GatewayHeaders.OFFICIAL, "official").exchange().expectBody(AuditEvent.Page.class)
                .returnResult().getResponseBody().events())
                .extracting(AuditEvent::action, AuditEvent::actor, AuditEvent::provinceCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("case.code.issued", "lan", "11"),
                        org.assertj.core.groups.Tuple.tuple("case.codes.expired", "lan", "11"),
                        org.assertj.core.groups.Tuple.tuple("case.created", "lan", "11"));
    }

    @Test
    void aBulkFileGetsAResultPerLineAndARetrySkipsTheLinesAlreadyIssued() {
        account("lan", DIEN_BIEN_HEALTH);
        WebTestClient dienBien = client(DIEN_BIEN_HEALTH);
        String batch = "B-" + UUID.randomUUID().toString().substring(0, 8);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String file = "reference,testDate,symptomOnset,provinceCode\n"
                + batch + "/1," + today + ",," + "11\n"
                + batch + "/2,yesterday,,11\n"
                + batch + "/3," + today + ",,79\n";
        List<BulkCaseResult> first = bulk(dienBien, file);
        assertThat(first).extracting(BulkCaseResult::line, BulkCaseResult::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2, BulkCaseResult.Outcome.ISSUED),
                org.assertj.core.groups.Tuple.tuple(3, BulkCaseResult.Outcome.ERROR),
                org.assertj.core.groups.Tuple.tuple(4, BulkCaseResult.Outcome.ERROR));
        assertThat(first.get(2).error()).contains("79");
        long cases = count("SELECT count(*) AS n FROM upload.covid_case");

        List<BulkCaseResult> retry = bulk(dienBien, file + batch + "/4," + today + ",,11\n");
        assertThat(retry).extracting(BulkCaseResult::outcome).containsExactly(BulkCaseResult.Outcome.SKIPPED,
                BulkCaseResult.Outcome.ERROR, BulkCaseResult.Outcome.ERROR, BulkCaseResult.Outcome.ISSUED);
        assertThat(retry.get(0).caseId()).isEqualTo(first.get(0).caseId());
        assertThat(retry.get(0).verificationCode()).as("a code is shown once").isNull();
        assertThat(count("SELECT count(*) AS n FROM upload.covid_case")).isEqualTo(cases + 1);
        verify(register(), first.get(0).verificationCode()).expectStatus().isOk();
        verify(register(), retry.get(3).verificationCode()).expectStatus().isOk();

        dienBien.post().uri("/api/v1/official/cases/bulk").header(GatewayHeaders.OFFICIAL, "lan")
                .contentType(MediaType.parseMediaType("text/csv")).bodyValue("name;date\nx;y\n").exchange()
                .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private List<BulkCaseResult> bulk(WebTestClient client, String csv) {
        return client.post().uri("/api/v1/official/cases/bulk").header(GatewayHeaders.OFFICIAL, "lan")
                .contentType(MediaType.parseMediaType("text/csv")).bodyValue(csv).exchange()
                .expectStatus().isOk().expectBodyList(BulkCaseResult.class).returnResult().getResponseBody();
    }

    @Test
    void everyPortalPageRendersForItsRolesInVietnameseByDefaultAndInEnglishOnRequest() {
        Map<String, String> pages = Map.of("/portal/cases", "Xác nhận ca bệnh mới", "/portal/cases/" + UUID.randomUUID(),
                "Cây tiếp xúc", "/portal/adoption", "Tỷ lệ cài đặt theo tỉnh", "/portal/accounts", "Tài khoản cán bộ",
                "/portal/audit", "Nhật ký thao tác", "/portal/login", "Đăng nhập cán bộ");
        pages.forEach((path, heading) -> admin.get().uri(path).header(GatewayHeaders.OFFICIAL, "official").exchange()
                .expectStatus().isOk()
                .expectHeader().value("Content-Security-Policy", csp -> assertThat(csp).contains("script-src 'self'"))
                .expectBody(String.class).value(html -> assertThat(html).contains(heading).contains("lang=\"vi\"")));
        admin.get().uri("/portal/accounts?lang=en").header(GatewayHeaders.OFFICIAL, "official").exchange()
                .expectStatus().isOk().expectBody(String.class)
                .value(html -> assertThat(html).contains("Create an account").contains("Health official"));
        client(DIEN_BIEN_HEALTH).get().uri("/portal/accounts").header(GatewayHeaders.OFFICIAL, "lan").exchange()
                .expectStatus().isForbidden();
        client(DIEN_BIEN_HEALTH).get().uri("/portal/cases").header(GatewayHeaders.OFFICIAL, "lan").exchange()
                .expectBody(String.class).value(html -> assertThat(html).contains("11 – Điện Biên").doesNotContain("79 – "));
    }

    /** From 17:00 UTC the UTC date is still yesterday in Vietnam; the page must open on Vietnam's today. */
    @Test
    void theAdoptionPageOpensOnTodayInTheStatisticsZone() {
        ZoneId vietnam = ZoneId.of("Asia/Ho_Chi_Minh");
        LocalDate before = LocalDate.now(vietnam);
        String html = admin.get().uri("/portal/adoption").header(GatewayHeaders.OFFICIAL, "official").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        LocalDate after = LocalDate.now(vietnam);
        assertThat(html).containsAnyOf("name=\"date\" value=\"" + before + "\" max=\"" + before + "\"",
                "name=\"date\" value=\"" + after + "\" max=\"" + after + "\"");
    }

    @Test
    void theAuditLogIsSearchedByActorAndActionAPageAtATime() {
        String actor = "pager-" + UUID.randomUUID().toString().substring(0, 8);
        OfficialScope daNang = new OfficialScope(Set.of(OfficialRole.HEALTH_OFFICIAL), Set.of("48"));
        account(actor, daNang);
        WebTestClient pager = client(daNang);
        for (int i = 0; i < 3; i++) {
            pager.post().uri("/api/v1/official/cases").header(GatewayHeaders.OFFICIAL, actor)
                    .bodyValue(new CaseRegistration(LocalDate.now(ZoneOffset.UTC), null, "48")).exchange().expectStatus().isCreated();
        }
        AuditEvent.Page first = audit("actor=" + actor + "&action=case.created&limit=2");
        assertThat(first.events()).hasSize(2).allSatisfy(event -> assertThat(event.actor()).isEqualTo(actor));
        AuditEvent.Page second = audit("actor=" + actor + "&action=case.created&limit=2&before=" + first.nextBefore());
        assertThat(second.events()).hasSize(1);
        assertThat(second.nextBefore()).isNull();
        assertThat(audit("actor=" + actor + "&action=account.created").events()).isEmpty();
        admin.get().uri("/api/v1/official/audit?limit=0").header(GatewayHeaders.OFFICIAL, "official").exchange()
                .expectStatus().isBadRequest();
    }

    /** Creates the account unless it exists (cases name an existing account as their creator). */
    private void account(String username, OfficialScope scope) {
        admin.post().uri("/api/v1/official/accounts").header(GatewayHeaders.OFFICIAL, "official")
                .bodyValue(Map.of("username", username, "password", PASSWORD, "roles", scope.roles(),
                        "provinces", scope.provinces()))
                .exchange().expectStatus().value(status -> assertThat(status).isIn(201, 409));
    }

    private AuditEvent.Page audit(String query) {
        return admin.get().uri("/api/v1/official/audit?" + query).header(GatewayHeaders.OFFICIAL, "official").exchange()
                .expectStatus().isOk().expectBody(AuditEvent.Page.class).returnResult().getResponseBody();
    }

    private WebTestClient.ResponseSpec confirm(WebTestClient client, String province) {
        return client.post().uri("/api/v1/official/cases").header(GatewayHeaders.OFFICIAL, "lan")
                .bodyValue(new CaseRegistration(LocalDate.now(ZoneOffset.UTC), null, province)).exchange();
    }

    private UUID register() {
        return admin.post().uri("/api/v1/devices").bodyValue(new DeviceRegistration("android", "11")).exchange()
                .expectStatus().isCreated().expectBody(DeviceRegistered.class).returnResult().getResponseBody().deviceId();
    }

    private WebTestClient.ResponseSpec verify(UUID device, String code) {
        return admin.post().uri("/api/v1/verify").header(GatewayHeaders.DEVICE_ID, device.toString())
                .bodyValue(new VerificationRequest(code)).exchange();
    }

    private WebTestClient.ResponseSpec patch(String username, Map<String, Object> change) {
        return admin.patch().uri("/api/v1/official/accounts/{u}", username).header(GatewayHeaders.OFFICIAL, "official")
                .bodyValue(change).exchange();
    }

    private WebTestClient.ResponseSpec session(String username) {
        return admin.get().uri("/api/v1/official/session").header(GatewayHeaders.OFFICIAL, username).exchange();
    }

    private WebTestClient.ResponseSpec login(String username, String password) {
        return admin.post().uri("/api/v1/official/session").bodyValue(Map.of("username", username, "password", password))
                .exchange();
    }

    private long accounts() {
        return count("SELECT count(*) AS n FROM upload.official");
    }

    private long count(String sql) {
        return db.sql(sql).map(row -> row.get("n", Long.class)).one().block();
    }
}
