package org.proofwork.bench;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.proofwork.ProofworkApplication;
import org.proofwork.lti.AssignmentGradeService;
import org.proofwork.lti.Platform;
import org.proofwork.lti.PlatformRegistry;
import org.proofwork.review.DecisionRecorded;
import org.proofwork.submission.GradeTarget;
import org.proofwork.testing.TestPlatform;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The tool, for {@link KillNineDrillTest}'s delivery drill: {@link ProofworkApplication} unchanged, plus, when
 * {@code --drill.decisions=N} is given, N final decisions recorded once the node is ready. They are published the
 * way the review module publishes them (a {@link DecisionRecorded} event inside a transaction of the review's own,
 * as {@code KillAndRestartTest} and {@code TwoNodeDrillTest} do in process), so everything after it is the
 * application's own code: the event publication registry, the gradebook's listener writing the owed scores and
 * queueing their executions, db-scheduler and the AGS client. A restart without the argument records nothing new.
 * <p>
 * Not a Spring component (a listener added to this application only), so no other test's context picks it up.
 */
final class KillDrillNode implements ApplicationListener<ApplicationReadyEvent> {

	static final String CREDENTIAL = "community-partnerships-for-learning-and-family-well-being";

	public static void main(String[] args) {
		new SpringApplicationBuilder(ProofworkApplication.class).listeners(new KillDrillNode()).run(args);
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		ConfigurableApplicationContext context = event.getApplicationContext();
		Environment env = context.getEnvironment();
		int decisions = env.getProperty("drill.decisions", Integer.class, 0);
		if (decisions == 0) {
			return;
		}
		String issuer = env.getRequiredProperty("drill.issuer");
		URI lineItem = URI.create(env.getRequiredProperty("drill.line-item"));
		URI lineItems = URI.create(env.getRequiredProperty("drill.line-items"));
		Platform platform = context.getBean(PlatformRegistry.class)
			.find(issuer, TestPlatform.CLIENT_ID)
			.orElseThrow(() -> new IllegalStateException("platform " + issuer + " not imported"));
		GradeTarget target = new GradeTarget("moodle", lineItems, lineItem,
				Set.of(AssignmentGradeService.SCOPE_LINE_ITEM, AssignmentGradeService.SCOPE_SCORE),
				"Community Partnerships");
		TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
		for (int i = 0; i < decisions; i++) {
			String learner = "kill-learner-" + i;
			DecisionRecorded decision = new DecisionRecorded(UUID.randomUUID().toString(), "ws-" + learner, 1,
					DecisionRecorded.Outcome.EARNED, "Earned", platform.id(), TestPlatform.DEPLOYMENT_ID,
					"course-42", "link-7", CREDENTIAL, List.of(learner), Map.of(), target, Instant.now());
			transactions.executeWithoutResult(status -> context.publishEvent(decision));
		}
		System.out.println("DRILL: recorded " + decisions + " decisions");
	}
}
