package org.proofwork.gradebook;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.logging.LogLevel;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * The score delivery worker on db-scheduler (core library, registered here: the 16.x Spring Boot starter is built for
 * Boot 3, and on Boot 4 its auto-configuration does not apply). Its table {@code scheduled_tasks} is created by
 * {@code V8__gradebook.sql}.
 * <p>
 * The scheduler reads and writes through a {@link TransactionAwareDataSourceProxy}: an execution queued inside a
 * Spring transaction (the listener that records a score) is part of that transaction, and is never committed without
 * its score row or left behind by a rolled-back one.
 * <p>
 * It is the application's only scheduler on {@code scheduled_tasks} (a second one would find executions of tasks it
 * does not know), so it also starts the {@link RecurringTask} beans other modules declare, such as the evidence
 * module's sweep of unreferenced blobs; they know nothing of this module, nor it of them, beyond db-scheduler's type.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryWorkerConfiguration {

	/** How long stopping waits for scores being sent; an execution cut off later is revived by another node. */
	static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(20);

	/** Stopped (waiting for the scores being sent) when the application context closes. */
	@Bean(destroyMethod = "stop")
	Scheduler scoreDeliveryScheduler(DataSource dataSource, ScoreDeliveryWorker worker, FailedGradeEvents failedEvents,
			ObjectProvider<RecurringTask<?>> otherModulesRecurringTasks, GradebookSettings settings, Clock clock) {
		List<RecurringTask<?>> recurring = Stream
			.concat(Stream.of(failedEvents.task()), otherModulesRecurringTasks.orderedStream())
			.toList();
		return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), List.of(worker.task()))
			.startTasks(recurring)
			.threads(settings.workerThreads())
			.pollingInterval(settings.pollingInterval())
			.heartbeatInterval(settings.heartbeatInterval())
			.schedulerName(new SchedulerName.Fixed(nodeName()))
			.clock(clock::instant)
			// DATETIME columns hold UTC whatever the server's or the JVM's time zone.
			.alwaysPersistTimestampInUTC()
			.shutdownMaxWait(SHUTDOWN_WAIT)
			// Expected failures are handled and logged by the worker; these are the unexpected ones.
			.failureLogging(LogLevel.WARN, true)
			.build();
	}

	/**
	 * Starts the worker once the application is up (migrations applied). A lifecycle stop only pauses it (no new
	 * work is picked; what runs finishes): Spring stops and restarts the lifecycle of a context it pauses (test
	 * contexts do), and a db-scheduler cannot start again once stopped. The context's close stops it for good.
	 */
	@Bean
	SmartLifecycle scoreDeliveryWorkerLifecycle(Scheduler scoreDeliveryScheduler) {
		return new SmartLifecycle() {

			private volatile boolean started;

			private volatile boolean running;

			@Override
			public synchronized void start() {
				if (started) {
					scoreDeliveryScheduler.resume();
				}
				else {
					scoreDeliveryScheduler.start();
					started = true;
				}
				running = true;
			}

			@Override
			public synchronized void stop() {
				scoreDeliveryScheduler.pause();
				running = false;
			}

			@Override
			public boolean isRunning() {
				return running;
			}
		};
	}

	/** Host and process, so {@code picked_by} says which node holds an execution (the column takes 50 characters). */
	private static String nodeName() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			host = "unknown-host";
		}
		String name = host + "#" + ManagementFactory.getRuntimeMXBean().getPid();
		return name.length() <= 50 ? name : name.substring(name.length() - 50);
	}
}
