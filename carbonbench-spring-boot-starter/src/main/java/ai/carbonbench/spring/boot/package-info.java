/**
 * Spring Boot auto-configuration for CarbonBench: {@link ai.carbonbench.spring.boot.CarbonBenchAutoConfiguration}
 * from {@link ai.carbonbench.spring.boot.CarbonBenchProperties} ({@code carbonbench.*}), and the
 * {@link ai.carbonbench.spring.boot.CarbonBenchEndpoint} actuator endpoint.
 */
@NullMarked
package ai.carbonbench.spring.boot;

import org.jspecify.annotations.NullMarked;
