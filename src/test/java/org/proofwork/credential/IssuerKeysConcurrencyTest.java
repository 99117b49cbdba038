package org.proofwork.credential;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.proofwork.ProofworkApplication;
import org.proofwork.testing.MariaDb;
import org.proofwork.testing.RequiresMariaDb;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first credentials of a fresh installation are issued at the same moment by several listener threads (found by
 * the kill -9 delivery drill: 40 decisions at once). Each finds no issuer key and makes one; one insert wins. On
 * MySQL and MariaDB (REPEATABLE READ) the losers' transaction cannot see the winner's key any more, so the others
 * must read it in a transaction of their own rather than fail the credential.
 */
@RequiresMariaDb
class IssuerKeysConcurrencyTest {

	static final String DATABASE = "proofwork_kill9_issuer_keys";

	static final int THREADS = 8;

	@Test
	void concurrentFirstUsesAllSignWithTheOneKeyThatWasStored() throws Exception {
		MariaDb.recreate(DATABASE);
		try (ConfigurableApplicationContext tool = new SpringApplicationBuilder(ProofworkApplication.class)
			.profiles("mysql")
			.run("--server.port=0", "--proofwork.data-dir=target/issuer-keys-concurrency",
					"--proofwork.keys.master-key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
					"--MYSQL_HOST=" + MariaDb.HOST, "--MYSQL_PORT=" + MariaDb.PORT, "--MYSQL_DATABASE=" + DATABASE,
					"--MYSQL_USER=" + MariaDb.USER, "--MYSQL_PASSWORD=" + MariaDb.PASSWORD)) {
			IssuerKeys keys = tool.getBean(IssuerKeys.class);
			CyclicBarrier together = new CyclicBarrier(THREADS);
			ExecutorService pool = Executors.newFixedThreadPool(THREADS);
			List<Future<String>> kids = new ArrayList<>();
			for (int i = 0; i < THREADS; i++) {
				kids.add(pool.submit(() -> {
					together.await();
					return keys.signingKey().getKeyID();
				}));
			}
			Set<String> used = new java.util.HashSet<>();
			for (Future<String> kid : kids) {
				used.add(kid.get(120, TimeUnit.SECONDS));
			}
			pool.shutdown();
			List<String> stored = tool.getBean(JdbcClient.class)
				.sql("SELECT kid FROM credential_issuer_key")
				.query(String.class)
				.list();
			assertThat(stored).as("one issuer key stored").hasSize(1);
			assertThat(used).as("every thread signs with it").isEqualTo(stored.stream().collect(Collectors.toSet()));
		}
	}
}
