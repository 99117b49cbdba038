package org.proofwork.system;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.header.HeaderWriter;

/**
 * Lets the registered platforms, and nobody else, frame the tool. A blanket removal of {@code X-Frame-Options} would
 * let any site frame it (clickjacking); {@code frame-ancestors} names exactly who may, and browsers that honour it
 * ignore {@code X-Frame-Options}.
 */
class FrameAncestorsHeaderWriter implements HeaderWriter {

	static final String HEADER = "Content-Security-Policy";

	private final List<FrameAncestorSource> sources;

	FrameAncestorsHeaderWriter(List<FrameAncestorSource> sources) {
		this.sources = sources;
	}

	@Override
	public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
		if (response.containsHeader(HEADER)) {
			return;
		}
		response.setHeader(HEADER, policy());
	}

	String policy() {
		Set<String> ancestors = new LinkedHashSet<>();
		ancestors.add("'self'");
		sources.forEach(source -> ancestors.addAll(source.frameAncestors()));
		return "frame-ancestors " + String.join(" ", ancestors) + "; object-src 'none'; base-uri 'self'";
	}
}
