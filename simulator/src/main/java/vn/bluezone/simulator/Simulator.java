package vn.bluezone.simulator;

import java.util.Arrays;
import java.util.List;

/**
 * {@code ./bluezone simulate [--devices N] [--days D] [--cases C] [--seed S] [--gateway URL]
 * [--official-password P]}: see {@link Scenario}; with {@code --load}, the benchmark in {@link LoadTest}.
 */
public final class Simulator {

    private Simulator() {
    }

    public static void main(String[] args) throws Exception {
        List<String> arguments = Arrays.asList(args);
        Options options = Options.parse(arguments);
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
        System.exit(0);
    }
}
