package org.proofwork.credential;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.jwk.RSAKey;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.proofwork.lti.KeyProperties;
import org.proofwork.system.ProofworkProperties;
import org.proofwork.testing.MariaDb;
import org.proofwork.testing.RequiresMariaDb;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes that issue their first credentials at the same moment make one issuer key between them. Found by the
 * parking drill (two nodes, a fresh database, many decisions at once): on MySQL the node that lost the race could
 * not see the winner's key in its own transaction (repeatable read), failed, and issued no credential. H2 reads
 * committed rows either way, so this runs on MariaDB, in a database of its own.
 */
@RequiresMariaDb
class IssuerKeyRaceTest {

	static final String DATABASE = "proofwork_issuer_key_race";

	static final int NODES = 2;

	static final int THREADS_PER_NODE = 3;

	@TempDir
	Path dataDir;

	@Test
	void nodesRacingForTheFirstKeyAllSignWithTheOneThatWasStored() throws Exception {
		MariaDb.recreate(DATABASE);
		DriverManagerDataSource database = new DriverManagerDataSource(MariaDb.url(DATABASE), MariaDb.USER,
				MariaDb.PASSWORD);
		Flyway.configure()
			.dataSource(database)
			.locations("classpath:db/migration", "classpath:db/vendor/mysql")
			.load()
			.migrate();
		JdbcClient jdbc = JdbcClient.create(database);
		byte[] secret = new byte[32];
		ThreadLocalRandom.current().nextBytes(secret);
		KeyProperties keys = new KeyProperties(Base64.getEncoder().encodeToString(secret), Duration.ofDays(30),
				Duration.ofHours(1));
		ProofworkProperties proofwork = new ProofworkProperties(URI.create("http://localhost:8080"), dataDir);

		List<IssuerKeys> nodes = new ArrayList<>();
		for (int i = 0; i < NODES; i++) {
			nodes.add(new IssuerKeys(jdbc, keys, proofwork, null, new DataSourceTransactionManager(database),
					Clock.systemUTC()));
		}
		CyclicBarrier start = new CyclicBarrier(NODES * THREADS_PER_NODE);
		ExecutorService threads = Executors.newFixedThreadPool(NODES * THREADS_PER_NODE);
		try {
			List<Future<RSAKey>> made = new ArrayList<>();
			for (IssuerKeys node : nodes) {
				for (int t = 0; t < THREADS_PER_NODE; t++) {
					made.add(threads.submit(() -> {
						start.await();
						return node.signingKey();
					}));
				}
			}
			List<String> kids = new ArrayList<>();
			for (Future<RSAKey> key : made) {
				kids.add(key.get(60, TimeUnit.SECONDS).getKeyID());
			}
			String stored = jdbc.sql("SELECT kid FROM credential_issuer_key").query(String.class).single();
			assertThat(kids).as("every thread of every node signs with the stored key").containsOnly(stored);
		}
		finally {
			threads.shutdownNow();
		}
	}
}
