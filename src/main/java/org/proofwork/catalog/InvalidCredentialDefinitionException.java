package org.proofwork.catalog;

/**
 * A credential data file that breaks the schema. It stops start-up, so a broken file is fixed before anyone works
 * from it; the message names the file, the line and what is wrong, such as
 * {@code credentials/x.yaml line 42: rubric level 'proficent' is not one of the component's levels
 * [proficient, basic, developing]}.
 */
public class InvalidCredentialDefinitionException extends RuntimeException {

	private final String file;

	private final int line;

	private final String problem;

	InvalidCredentialDefinitionException(String file, int line, String problem) {
		super(file + " line " + line + ": " + problem);
		this.file = file;
		this.line = line;
		this.problem = problem;
	}

	/** For problems of a whole file or folder rather than of one line. */
	InvalidCredentialDefinitionException(String file, String problem) {
		super(file + ": " + problem);
		this.file = file;
		this.line = 0;
		this.problem = problem;
	}

	/** The file, as a classpath location ({@code credentials/x.yaml}) or a path in the external folder. */
	public String file() {
		return file;
	}

	/** The 1-based line, 0 when the problem is not on one line. */
	public int line() {
		return line;
	}

	/** What is wrong, without file and line. */
	public String problem() {
		return problem;
	}
}
