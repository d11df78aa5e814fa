package dev.imagerestore.models.inpaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResamplingScheduleTest {

    @Test
    void jumpsBackAtTheLevelsOfRePaintsScheduleInHandComputedOrder() {
        // steps 6, jump length 2, 2 repeats: jumps on arriving at levels 1 and 3 (i - 1 even, i + 2 <= 6)
        ResamplingSchedule schedule = ResamplingSchedule.of(6, 2, 2);

        assertThat(schedule.levels()).containsExactly(6, 5, 4, 3, 4, 5, 4, 3, 2, 1, 2, 3, 2, 1, 0);
        assertThat(schedule.networkEvaluations()).isEqualTo(10);
    }

    @Test
    void threeRepeatsJumpTwiceFromEachJumpLevel() {
        // steps 4, jump length 1, 3 repeats: levels 1, 2 and 3 are jump levels (i + 1 <= 4)
        ResamplingSchedule schedule = ResamplingSchedule.of(4, 1, 3);

        assertThat(schedule.levels()).containsExactly(4, 3, 4, 3, 4, 3, 2, 3, 2, 3, 2, 1, 2, 1, 2, 1, 0);
        assertThat(schedule.networkEvaluations()).isEqualTo(4 + 3 * 2);
    }

    @Test
    void matchesRePaintsPublishedScheduleShiftedByOne() {
        // RePaint's get_schedule_jump(t_T=10, jump_length=3, jump_n_sample=2) jumps at t = 0, 3, 6 and
        // visits 9 8 7 6 7 8 9 8 7 6 5 4 3 4 5 6 5 4 3 2 1 0 1 2 3 2 1 0 -1; levels are those plus one
        ResamplingSchedule schedule = ResamplingSchedule.of(10, 3, 2);

        assertThat(schedule.levels())
                .containsExactly(
                        10, 9, 8, 7, 8, 9, 10, 9, 8, 7, 6, 5, 4, 5, 6, 7, 6, 5, 4, 3, 2, 1, 2, 3, 4, 3, 2, 1, 0);
    }

    @Test
    void oneRepeatIsThePlainSampler() {
        assertThat(ResamplingSchedule.of(5, 2, 1).levels()).containsExactly(5, 4, 3, 2, 1, 0);
    }

    @Test
    void levelsMapToTheSamplersGridFromTheStart() {
        ResamplingSchedule schedule = ResamplingSchedule.of(3, 1, 2);
        double[] grid = {999, 666, 333, -1};

        // levels 3 2 3 2 1 2 1 0 (jumps at levels 1 and 2)
        assertThat(schedule.levels()).containsExactly(3, 2, 3, 2, 1, 2, 1, 0);
        assertThat(schedule.timesteps(grid)).containsExactly(999, 666, 999, 666, 333, 666, 333, -1);
    }

    @Test
    void rejectsNonPositiveSettingsAndAGridOfTheWrongLength() {
        assertThatThrownBy(() -> ResamplingSchedule.of(0, 1, 1)).hasMessageContaining("steps=0");
        assertThatThrownBy(() -> ResamplingSchedule.of(4, 0, 1)).hasMessageContaining("jump length=0");
        assertThatThrownBy(() -> ResamplingSchedule.of(4, 2, 2).timesteps(new double[] {3, -1}))
                .hasMessageContaining("needs a grid of 5");
    }
}
