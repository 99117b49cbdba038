package org.proofwork.lti;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encrypts the tool's private keys at rest with AES-256-GCM, so a copy of the database alone does not give away the
 * keys platforms trust. The key comes from configuration, or from a file beside the embedded database that is
 * created once and then reused: a key that changes would leave the stored private keys unreadable.
 */
class MasterKey {

	private static final Logger log = LoggerFactory.getLogger(MasterKey.class);

	private static final String PREFIX = "v1:";

	private static final int IV_BYTES = 12;

	private static final SecureRandom random = new SecureRandom();

	private final SecretKeySpec key;

	MasterKey(byte[] key) {
		if (key.length != 32) {
			throw new IllegalArgumentException(
					"proofwork.keys.master-key must be 32 bytes in base64 (openssl rand -base64 32), got "
							+ key.length + " bytes");
		}
		this.key = new SecretKeySpec(key, "AES");
	}

	static MasterKey from(KeyProperties properties, Path dataDir) {
		if (properties.masterKey() != null && !properties.masterKey().isBlank()) {
			try {
				return new MasterKey(Base64.getDecoder().decode(properties.masterKey().trim()));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(
						"proofwork.keys.master-key is not valid base64; generate one with: openssl rand -base64 32",
						ex);
			}
		}
		return fromFile(dataDir.resolve("master.key"));
	}

	private static MasterKey fromFile(Path file) {
		try {
			if (Files.exists(file)) {
				return new MasterKey(Base64.getDecoder().decode(Files.readString(file).trim()));
			}
			byte[] fresh = new byte[32];
			random.nextBytes(fresh);
			Files.createDirectories(file.toAbsolutePath().getParent());
			Files.writeString(file, Base64.getEncoder().encodeToString(fresh), StandardCharsets.US_ASCII);
			try {
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException ex) {
				// Not a POSIX file system: the directory's own protection applies.
			}
			log.warn("Created a master key for the tool's private keys at {}. Back it up with the database; "
					+ "set proofwork.keys.master-key instead when several nodes share one database.", file);
			return new MasterKey(fresh);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or create the master key file " + file, ex);
		}
	}

	String encrypt(String plaintext) {
		try {
			byte[] iv = new byte[IV_BYTES];
			random.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
			byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
			return PREFIX + Base64.getEncoder()
				.encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available", ex);
		}
	}

	/**
	 * @throws WrongMasterKeyException when the text was sealed with another master key or altered
	 */
	String decrypt(String ciphertext) {
		if (!ciphertext.startsWith(PREFIX)) {
			throw new WrongMasterKeyException("unknown ciphertext format");
		}
		byte[] data = Base64.getDecoder().decode(ciphertext.substring(PREFIX.length()));
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, data, 0, IV_BYTES));
			return new String(cipher.doFinal(data, IV_BYTES, data.length - IV_BYTES), StandardCharsets.UTF_8);
		}
		catch (javax.crypto.AEADBadTagException ex) {
			throw new WrongMasterKeyException("authentication tag mismatch");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available", ex);
		}
	}

	static class WrongMasterKeyException extends RuntimeException {

		WrongMasterKeyException(String reason) {
			super("The tool's stored private keys cannot be decrypted with the configured master key (" + reason
					+ "). Restore the proofwork.keys.master-key (or data/master.key) they were created with; "
					+ "the tool will not replace keys that platforms already trust.");
		}
	}
}
