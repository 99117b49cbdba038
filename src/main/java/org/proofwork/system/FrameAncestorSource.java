package org.proofwork.system;

import java.util.Set;

/**
 * The origins allowed to show the tool's pages in a frame: the learning platforms that are registered with it. The
 * module that owns platform registrations provides it.
 */
public interface FrameAncestorSource {

	/** Origins such as {@code https://moodle.example.edu} or {@code https://*.instructure.com}. */
	Set<String> frameAncestors();
}
