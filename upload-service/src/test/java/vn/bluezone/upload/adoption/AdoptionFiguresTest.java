package vn.bluezone.upload.adoption;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AdoptionFiguresTest {

    @Test
    void sharesHaveTwoDecimalsAsTheProvincesReportedThem() {
        assertThat(AdoptionFigures.percent(41_177, 598_856)).as("Điện Biên's letter: 6.88%").isEqualTo(6.88);
        assertThat(AdoptionFigures.percent(1, 3)).isEqualTo(33.33);
        assertThat(AdoptionFigures.percent(2, 3)).isEqualTo(66.67);
        assertThat(AdoptionFigures.percent(5, 0)).as("no population: no share").isZero();
    }
}
