package org.proofwork.devplatform;

import java.util.List;

/**
 * The names LTI 1.3, Deep Linking, AGS and NRPS give to claims, message types, scopes and media types, as the demo
 * LMS uses them.
 */
final class LtiVocabulary {

	static final String LTI_VERSION = "1.3.0";

	static final String CLAIM = "https://purl.imsglobal.org/spec/lti/claim/";

	static final String MESSAGE_TYPE = CLAIM + "message_type";

	static final String VERSION = CLAIM + "version";

	static final String DEPLOYMENT_ID = CLAIM + "deployment_id";

	static final String TARGET_LINK_URI = CLAIM + "target_link_uri";

	static final String ROLES = CLAIM + "roles";

	static final String CONTEXT = CLAIM + "context";

	static final String RESOURCE_LINK = CLAIM + "resource_link";

	static final String TOOL_PLATFORM = CLAIM + "tool_platform";

	static final String LAUNCH_PRESENTATION = CLAIM + "launch_presentation";

	static final String CUSTOM = CLAIM + "custom";

	static final String FOR_USER = CLAIM + "for_user";

	static final String AGS_ENDPOINT = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint";

	static final String NRPS_SERVICE = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice";

	static final String DEEP_LINKING_SETTINGS = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings";

	static final String CONTENT_ITEMS = "https://purl.imsglobal.org/spec/lti-dl/claim/content_items";

	static final String DEEP_LINKING_DATA = "https://purl.imsglobal.org/spec/lti-dl/claim/data";

	static final String DEEP_LINKING_MESSAGE = "https://purl.imsglobal.org/spec/lti-dl/claim/msg";

	static final String DEEP_LINKING_ERROR_MESSAGE = "https://purl.imsglobal.org/spec/lti-dl/claim/errormsg";

	static final String TOOL_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-tool-configuration";

	static final String PLATFORM_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-platform-configuration";

	static final String RESOURCE_LINK_REQUEST = "LtiResourceLinkRequest";

	static final String DEEP_LINKING_REQUEST = "LtiDeepLinkingRequest";

	static final String DEEP_LINKING_RESPONSE = "LtiDeepLinkingResponse";

	static final String SUBMISSION_REVIEW_REQUEST = "LtiSubmissionReviewRequest";

	static final String SCOPE_LINEITEM = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem";

	static final String SCOPE_LINEITEM_READONLY = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly";

	static final String SCOPE_RESULT_READONLY = "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly";

	static final String SCOPE_SCORE = "https://purl.imsglobal.org/spec/lti-ags/scope/score";

	static final String SCOPE_MEMBERSHIPS = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";

	static final List<String> AGS_SCOPES = List.of(SCOPE_LINEITEM, SCOPE_LINEITEM_READONLY, SCOPE_RESULT_READONLY,
			SCOPE_SCORE);

	/** Every service scope the demo LMS grants; {@code openid} is only for launches. */
	static final List<String> SERVICE_SCOPES = List.of(SCOPE_LINEITEM, SCOPE_LINEITEM_READONLY,
			SCOPE_RESULT_READONLY, SCOPE_SCORE, SCOPE_MEMBERSHIPS);

	static final String SCORE_MEDIA_TYPE = "application/vnd.ims.lis.v1.score+json";

	static final String LINE_ITEM_MEDIA_TYPE = "application/vnd.ims.lis.v2.lineitem+json";

	static final String LINE_ITEM_CONTAINER_MEDIA_TYPE = "application/vnd.ims.lis.v2.lineitemcontainer+json";

	static final String RESULT_CONTAINER_MEDIA_TYPE = "application/vnd.ims.lis.v2.resultcontainer+json";

	static final String MEMBERSHIP_CONTAINER_MEDIA_TYPE = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json";

	private LtiVocabulary() {
	}
}
