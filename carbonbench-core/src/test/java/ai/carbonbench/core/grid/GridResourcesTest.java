package ai.carbonbench.core.grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Who owns what: the library shuts down what it created, never what the user passed in. */
final class GridResourcesTest {

    private static ElectricityMapsSource.Builder builder() {
        return new ElectricityMapsSource.Builder(name -> null).apiKey("k");
    }

    @Test
    void with_nothing_given_one_owned_pool_runs_the_loads_and_the_client_and_close_stops_it() {
        GridResources r = builder().resources(true);

        assertThat(r.owned()).hasSize(1);
        assertThat(r.executor()).isSameAs(r.owned().get(0));
        assertThat(r.http().executor()).containsSame(r.owned().get(0));
        r.close();
        assertThat(r.owned().get(0).isShutdown()).isTrue();
    }

    @Test
    void a_users_executor_is_never_shut_down_but_the_client_the_library_creates_gets_its_own_pool() {
        ExecutorService mine = Executors.newSingleThreadExecutor();
        try {
            GridResources r = builder().executor(mine).resources(true);

            assertThat(r.executor()).isSameAs(mine);
            assertThat(r.owned()).hasSize(1).doesNotContain(mine);
            assertThat(r.http().executor()).containsSame(r.owned().get(0));
            r.close();
            assertThat(r.owned().get(0).isShutdown()).isTrue();
            assertThat(mine.isShutdown()).isFalse();
        } finally {
            mine.shutdownNow();
        }
    }

    @Test
    void a_users_client_and_executor_leave_nothing_to_own() {
        ExecutorService mine = Executors.newSingleThreadExecutor();
        HttpClient client = HttpClient.newHttpClient();
        try {
            GridResources r = builder().executor(mine).httpClient(client).resources(true);

            assertThat(r.http()).isSameAs(client);
            assertThat(r.owned()).isEmpty();
            r.close();
            assertThat(mine.isShutdown()).isFalse();
        } finally {
            mine.shutdownNow();
        }
    }

    @Test
    void a_file_snapshot_creates_no_http_client() {
        GridResources r = SnapshotSource.builder("grid.json").resources(false);

        assertThat(r.http()).isNull();
        r.close();
    }
}
