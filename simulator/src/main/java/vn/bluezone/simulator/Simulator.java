package vn.bluezone.simulator;

import java.util.Arrays;

/**
 * {@code ./bluezone simulate [--devices N] [--days D] [--cases C] [--seed S] [--gateway URL]
 * [--official-password P] [--kafka HOST:PORT] [--cases-during-backlog]}: see {@link Scenario}; with
 * {@code --load}, the benchmark in {@link LoadTest}. The broker defaults to the one {@code ./bluezone up}
 * wrote to {@code $BLUEZONE_HOME/kafka-bootstrap}.
 */
public final class Simulator {

    private Simulator() {
    }

    /** Always exits, with 1 when the run failed: a client or Kafka thread left running must not keep it alive. */
    public static void main(String[] args) {
        try {
            run(Options.parse(Arrays.asList(args)));
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(Options options) throws Exception {
        if (options.flag("load")) {
            new LoadTest(options).run();
        } else if (options.flag("consumer-rate")) {
            new ConsumerRate(options).run();
        } else if (options.flag("poll-setup")) {
            new PollSetup(options).run();
        } else if (options.flag("push-fanout")) {
            new PushFanout(options).run();
        } else if (options.flag("bare-endpoint")) {
            BareEndpoint.serve(options.integer("port", 8099));
        } else {
            new Scenario(options).run();
        }
    }
}
