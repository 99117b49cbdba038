package org.proofwork.evidence;

import java.util.regex.Pattern;

/**
 * Bytes held by an {@link EvidenceStore}, named by their content.
 *
 * @param sha256 the lower-case hex SHA-256 of the bytes, which is also their name in the store
 * @param size the number of bytes
 */
public record StoredBlob(String sha256, long size) {

	private static final Pattern SHA_256 = Pattern.compile("[0-9a-f]{64}");

	public StoredBlob {
		requireHash(sha256);
		if (size < 0) {
			throw new IllegalArgumentException("negative size " + size);
		}
	}

	static boolean isHash(String name) {
		return name != null && SHA_256.matcher(name).matches();
	}

	/** Refuses anything but a hash, so no caller can turn a name into a path or key outside the store. */
	static String requireHash(String sha256) {
		if (sha256 == null || !SHA_256.matcher(sha256).matches()) {
			throw new IllegalArgumentException("not a lower-case hex SHA-256: " + sha256);
		}
		return sha256;
	}
}
