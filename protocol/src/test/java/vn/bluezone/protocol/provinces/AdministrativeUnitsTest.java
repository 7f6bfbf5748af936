package vn.bluezone.protocol.provinces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AdministrativeUnitsTest {

    @Test
    void the34UnitsOf2025AndThe63Of2008AreBothTheWholeCountryOfThe2019Census() {
        AdministrativeUnits current = AdministrativeUnits.of("2025");
        AdministrativeUnits former = AdministrativeUnits.of("2008");
        assertThat(current.all()).hasSize(34);
        assertThat(former.all()).hasSize(63);
        assertThat(current.all().stream().mapToLong(AdministrativeUnits.Province::population2019).sum()).isEqualTo(96_208_984L);
        assertThat(former.all().stream().mapToLong(AdministrativeUnits.Province::population2019).sum()).isEqualTo(96_208_984L);
    }

    @Test
    void codesAreTheStatisticsOfficesAndUnknownOnesAreNotFound() {
        AdministrativeUnits current = AdministrativeUnits.of("2025");
        assertThat(current.find("11")).hasValueSatisfying(dienBien -> {
            assertThat(dienBien.name()).isEqualTo("Điện Biên");
            assertThat(dienBien.population2019()).isEqualTo(598_856L);
        });
        assertThat(current.find("02")).as("Hà Giang merged into Tuyên Quang in 2025").isEmpty();
        assertThat(AdministrativeUnits.of("2008").find("02")).isPresent();
        assertThat(current.find("HN")).as("a name, not a code").isEmpty();
        assertThat(current.find(null)).isEmpty();
        assertThatThrownBy(() -> AdministrativeUnits.of("1976")).hasMessageContaining("2025 or 2008");
    }
}
