package org.proofwork.evidence;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads at most a given number of bytes of another stream (a range of a blob). */
final class BoundedInputStream extends FilterInputStream {

	private long remaining;

	BoundedInputStream(InputStream in, long length) {
		super(in);
		this.remaining = length;
	}

	@Override
	public int read() throws IOException {
		if (remaining <= 0) {
			return -1;
		}
		int b = super.read();
		if (b != -1) {
			remaining--;
		}
		return b;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		if (remaining <= 0) {
			return -1;
		}
		int read = super.read(buffer, offset, (int) Math.min(length, remaining));
		if (read > 0) {
			remaining -= read;
		}
		return read;
	}

	@Override
	public long skip(long n) throws IOException {
		long skipped = super.skip(Math.min(n, remaining));
		remaining -= skipped;
		return skipped;
	}

	@Override
	public int available() throws IOException {
		return (int) Math.min(super.available(), remaining);
	}

	@Override
	public boolean markSupported() {
		return false;
	}
}
