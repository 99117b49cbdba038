package org.proofwork.review;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

import org.proofwork.lti.LaunchDestination;
import org.proofwork.lti.LtiLaunch;
import org.proofwork.submission.Workspaces;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Where review launches land. An assessor's course link opens the queue; a Submission Review launch from the
 * gradebook, or Canvas's launch of the submission URL the tool sent ({@code /lti/launch?submission=<id>}), opens the
 * review of that learner's submission. An educator's Submission Review launch shows them their feedback; their other
 * launches are the workspace's.
 */
@Component
class ReviewLaunchDestination implements LaunchDestination {

	/** Workspace ids are UUIDs; anything else in the URL is not one of ours and must not reach a redirect. */
	private static final Pattern WORKSPACE_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

	private final Workspaces workspaces;

	ReviewLaunchDestination(Workspaces workspaces) {
		this.workspaces = workspaces;
	}

	@Override
	public Optional<String> destinationFor(LtiLaunch launch, Optional<String> credentialId) {
		String base = "/launches/" + launch.launchId();
		boolean submissionReview = launch.messageType() == LtiLaunch.MessageType.LtiSubmissionReviewRequest;
		if (!launch.isAssessor()) {
			return submissionReview && launch.isEducator() ? Optional.of(base + "/feedback") : Optional.empty();
		}
		if (submissionReview && launch.forUser() != null && launch.resourceLink() != null) {
			return Optional.of(workspaces
				.workspaceIdOf(launch.courseKey(), launch.resourceLink().id(), launch.forUser().id())
				.map(workspaceId -> base + "/review/" + workspaceId)
				.orElse(base + "/review?missing=true"));
		}
		Optional<String> submission = submissionOf(launch.targetLinkUri());
		if (submission.isPresent()) {
			return Optional.of(base + "/review/" + submission.get());
		}
		if (launch.messageType() == LtiLaunch.MessageType.LtiResourceLinkRequest || submissionReview) {
			return Optional.of(base + "/review");
		}
		return Optional.empty();
	}

	static Optional<String> submissionOf(URI targetLinkUri) {
		if (targetLinkUri == null) {
			return Optional.empty();
		}
		try {
			String id = UriComponentsBuilder.fromUri(targetLinkUri).build().getQueryParams().getFirst("submission");
			return Optional.ofNullable(id).filter(value -> WORKSPACE_ID.matcher(value).matches());
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}
}
