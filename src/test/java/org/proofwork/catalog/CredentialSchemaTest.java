package org.proofwork.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * A broken credential file is refused with the file, the line to fix and what is wrong. Each fixture in
 * {@code catalog/broken/} is {@code catalog/valid/minimal-credential.yaml} with one fault.
 */
class CredentialSchemaTest {

	@Test
	void readsTheFileTheBrokenOnesAreMadeFrom() throws IOException {
		CredentialDefinition definition = read("catalog/valid/minimal-credential.yaml", "minimal-credential");

		assertThat(definition.title()).isEqualTo("A Minimal Credential");
		assertThat(definition.artifacts()).extracting(Artifact::id).containsExactly("survey", "asset-map");
		assertThat(definition.resources().groups().get(0).items()).extracting(Resource::link)
			.containsExactly("", "https://example.org/guide");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource
	void refusesABrokenFileNamingFileLineAndProblem(String fixture, int line, String problem) {
		String file = "catalog/broken/" + fixture + ".yaml";

		assertThatExceptionOfType(InvalidCredentialDefinitionException.class).isThrownBy(() -> read(file, fixture))
			.satisfies(ex -> {
				assertThat(ex.getMessage()).startsWith(file + " line " + line + ": ").contains(problem);
				assertThat(ex.file()).isEqualTo(file);
				assertThat(ex.line()).isEqualTo(line);
			});
	}

	static Stream<Arguments> refusesABrokenFileNamingFileLineAndProblem() {
		return Stream.of(
				arguments("unknown-key", 2, "unknown key 'titel' in the credential"),
				arguments("missing-key", 2, "missing required key 'competency' in the credential"),
				arguments("wrong-type", 29, "'prompts' of part 'part-1' must be a list, not 'Why this credential?'"),
				arguments("not-a-number", 46,
						"'min' of group 'questions' of the form of artifact 'survey' must be a whole number, not "
								+ "'two'"),
				arguments("min-greater-than-max", 47,
						"min 5 is greater than max 4 in group 'questions' of the form of artifact 'survey'"),
				arguments("word-range-reversed", 28, "min 20 is greater than max 10 in 'words' of part 'part-1'"),
				arguments("duplicate-key", 3, "duplicate key 'title' in the credential (first given on line"),
				arguments("duplicate-id", 75, "duplicate part or artifact id 'survey' (first used on line"),
				arguments("unknown-field-type", 49,
						"field type 'paragraph' is not one of [text, long-text, email, phone, url, date, number, "
								+ "choice, yes-no, reference]"),
				arguments("one-choice", 54,
						"field 'need' of group 'questions' of the form of artifact 'survey' needs at least two "
								+ "choices"),
				arguments("reference-to-unknown-artifact", 89,
						"references an unknown artifact 'needs-survey' (artifacts: [survey, asset-map])"),
				arguments("reference-to-unknown-group", 89,
						"references an unknown group 'answers' of artifact 'survey' (groups: [administration, "
								+ "questions])"),
				arguments("unknown-alternative-member", 61,
						"alternative names 'survey-upload', which is no group or file of the form of artifact "
								+ "'survey'"),
				arguments("media-type", 59,
						"'pdf' in file 'survey-document' of the form of artifact 'survey' is not a media type such "
								+ "as application/pdf"),
				arguments("check-unknown-field", 67,
						"names an unknown field 'responses' of group 'administration' (fields: [sent-to, returned])"),
				arguments("check-wrong-field-type", 95, "needs a date field, but 'assets.name' is text"),
				arguments("band-unknown-level", 70,
						"rubric level 'excellent' is not one of the component's levels [proficient, basic, "
								+ "developing]"),
				arguments("check-unknown-component", 65,
						"check 'return-rate' of artifact 'survey' names rubric component 'needs-survey', which the "
								+ "rubric does not have"),
				arguments("earning-unknown-level", 23,
						"rubric level 'proficent' is not one of the component's levels [proficient, basic, "
								+ "developing]"),
				arguments("earning-unknown-component", 22,
						"the earning rule names rubric component 'part-3', which the rubric does not have "
								+ "(components: [part-1, survey, asset-map])"),
				arguments("earning-rule-shape", 21,
						"an earning rule must have exactly one of [all, any, atLeast, component], not [all, "
								+ "component]"),
				arguments("component-names-nothing", 110,
						"rubric component 'asset-mapping' is no part or artifact (parts and artifacts: [part-1, "
								+ "part-2, survey, asset-map])"),
				arguments("one-level", 102, "rubric component 'part-1' needs at least two levels, best first"),
				arguments("duplicate-level", 109, "duplicate level id 'basic' (first used on line"),
				arguments("unscored-part", 26,
						"part 'part-1' is not scored: the rubric needs a component for it or for each of its "
								+ "artifacts"),
				arguments("part-asks-for-nothing", 26,
						"part 'part-1' asks for nothing: give it prompts, a form or artifacts"),
				arguments("link-not-a-url", 16, "link 'example.org/guide' must be an http or https URL"),
				arguments("invalid-yaml", 8, "not valid YAML"),
				arguments("bad-id", 75,
						"part or artifact id 'Asset-Map' must be lower-case letters, digits and single hyphens"),
				arguments("empty", 1, "the file is empty")
		);
	}

	@Test
	void refusesAFileNameThatIsNoId() {
		assertThatExceptionOfType(InvalidCredentialDefinitionException.class)
			.isThrownBy(() -> CredentialFile.read("credentials/Community_Partnerships.yaml", "Community_Partnerships",
					new StringReader("title: x")))
			.withMessageStartingWith("credentials/Community_Partnerships.yaml: the file name must be the credential's id");
	}

	private static CredentialDefinition read(String resource, String id) throws IOException {
		try (InputStream in = CredentialSchemaTest.class.getResourceAsStream("/" + resource)) {
			assertThat(in).as(resource).isNotNull();
			Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
			return CredentialFile.read(resource, id, reader);
		}
	}
}
