package org.proofwork.credential;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts the credential issuer's private key at rest (AES-256-GCM), so a copy of the database alone cannot sign
 * credentials. The AES key is derived (HMAC-SHA256 with a label of its own) from the tool's master key: the one set
 * as {@code proofwork.keys.master-key}, or else the one the LTI module keeps in {@code <data-dir>/master.key}. Back
 * that key up with the database: without it the issuer key cannot be read, and the tool stops issuing rather than
 * signing with a new key nobody expects (credentials already issued stay verifiable: their public keys are stored
 * in plain).
 */
final class KeyEncryption {

	private static final String PREFIX = "v1:";

	private static final String LABEL = "proofwork credential issuer key v1";

	private static final int IV_BYTES = 12;

	private static final SecureRandom random = new SecureRandom();

	private final SecretKeySpec key;

	KeyEncryption(byte[] masterKey) {
		if (masterKey.length != 32) {
			throw new IllegalArgumentException("The master key must be 32 bytes, was " + masterKey.length);
		}
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(masterKey, "HmacSHA256"));
			this.key = new SecretKeySpec(mac.doFinal(LABEL.getBytes(StandardCharsets.UTF_8)), "AES");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every Java runtime", ex);
		}
	}

	/**
	 * The master key from configuration, else from the data directory's key file.
	 * @throws IllegalStateException when neither is there (the LTI module creates the file at start-up, before this)
	 */
	static KeyEncryption from(String configuredMasterKey, Path dataDir) {
		if (configuredMasterKey != null && !configuredMasterKey.isBlank()) {
			return new KeyEncryption(Base64.getDecoder().decode(configuredMasterKey.trim()));
		}
		Path file = dataDir.resolve("master.key");
		try {
			return new KeyEncryption(Base64.getDecoder().decode(Files.readString(file).trim()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No master key to protect the credential issuer key: set "
					+ "proofwork.keys.master-key or keep " + file, ex);
		}
	}

	String encrypt(String plain) {
		try {
			byte[] iv = new byte[IV_BYTES];
			random.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
			byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
			return PREFIX + Base64.getEncoder()
				.encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is part of every Java runtime", ex);
		}
	}

	String decrypt(String stored) {
		if (!stored.startsWith(PREFIX)) {
			throw new IllegalStateException("The stored credential issuer key is not in a known format");
		}
		byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, IV_BYTES));
			return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The credential issuer key cannot be decrypted: the master key "
					+ "(proofwork.keys.master-key or <data-dir>/master.key) is not the one it was stored with", ex);
		}
	}
}
