package vn.bluezone.support.web;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/** 503 problems with Retry-After for requests that failed because a dependency is down. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class DependencyUnavailableAutoConfiguration {

    @Bean
    DependencyUnavailableHandler dependencyUnavailableHandler(
            @Value("${bluezone.dependency-retry-after:5s}") Duration retryAfter, MeterRegistry meters) {
        return new DependencyUnavailableHandler(retryAfter, meters);
    }
}
