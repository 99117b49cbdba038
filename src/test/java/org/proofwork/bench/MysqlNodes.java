package org.proofwork.bench;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.proofwork.ProofworkApplication;
import org.proofwork.testing.MariaDb;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Nodes of the tool in this JVM on the production {@code mysql} profile, sharing one MariaDB database and one master
 * key, as several nodes behind a load balancer do. Each runs on a port of its own with quiet logs; {@link #close()}
 * stops those still running, newest first.
 */
final class MysqlNodes implements AutoCloseable {

	final String masterKey;

	private final String database;

	private final List<ConfigurableApplicationContext> started = new ArrayList<>();

	MysqlNodes(String database) {
		this.database = database;
		byte[] key = new byte[32];
		ThreadLocalRandom.current().nextBytes(key);
		this.masterKey = Base64.getEncoder().encodeToString(key);
	}

	/**
	 * @param dataDir the node's own {@code proofwork.data-dir}
	 * @param settings further {@code --name=value} arguments of the drill
	 */
	ConfigurableApplicationContext start(String dataDir, String... settings) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--proofwork.base-url=http://localhost:8080",
				"--proofwork.keys.master-key=" + masterKey, "--proofwork.data-dir=" + dataDir,
				"--MYSQL_HOST=" + MariaDb.HOST, "--MYSQL_PORT=" + MariaDb.PORT, "--MYSQL_DATABASE=" + database,
				"--MYSQL_USER=" + MariaDb.USER, "--MYSQL_PASSWORD=" + MariaDb.PASSWORD,
				"--logging.level.org.proofwork=WARN"));
		args.addAll(List.of(settings));
		ConfigurableApplicationContext node = new SpringApplicationBuilder(ProofworkApplication.class)
			.profiles("mysql")
			.run(args.toArray(String[]::new));
		started.add(node);
		return node;
	}

	@Override
	public void close() {
		for (int i = started.size() - 1; i >= 0; i--) {
			if (started.get(i).isActive()) {
				started.get(i).close();
			}
		}
	}
}
