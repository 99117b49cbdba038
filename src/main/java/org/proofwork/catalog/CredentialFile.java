package org.proofwork.catalog;

import java.io.Reader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads one credential data file and checks it against the schema described in {@code credentials/SCHEMA.md}: the
 * shape of every mapping (required, unknown and duplicate keys, types), counts and ranges, and that every id a file
 * refers to exists (artifacts, groups, fields, rubric components and levels). The first problem stops reading, with
 * the file and line to fix.
 */
final class CredentialFile {

	private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

	private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z]+/[a-z0-9][a-z0-9.+-]*");

	private static final Set<String> BLOCK_KINDS = Set.of("heading", "subheading", "paragraph", "bullets",
			"numbered", "resource");

	private static final Set<String> CHECK_KINDS = Set.of("ratio", "atLeast", "dateSpan", "coversChoices",
			"anyItem");

	private final String file;

	/** Checks that need the whole file read first, such as a reference to an artifact further down. */
	private final List<Runnable> afterReading = new ArrayList<>();

	/** Parts and artifacts share one namespace, since rubric components name either. */
	private final Map<String, Node> partAndArtifactIds = new LinkedHashMap<>();

	private final Map<String, Artifact> artifacts = new LinkedHashMap<>();

	private Rubric rubric;

	private CredentialFile(String file) {
		this.file = file;
	}

	/**
	 * @param file how messages name the file, such as {@code credentials/x.yaml}
	 * @param id the credential's id, the file name without extension
	 */
	static CredentialDefinition read(String file, String id, Reader reader) {
		if (!ID.matcher(id).matches()) {
			throw new InvalidCredentialDefinitionException(file, "the file name must be the credential's id followed"
					+ " by .yaml, the id made of lower-case letters, digits and single hyphens");
		}
		Node root;
		try {
			root = new Yaml(new LoaderOptions()).compose(reader);
		}
		catch (MarkedYAMLException ex) {
			Mark mark = (ex.getProblemMark() != null) ? ex.getProblemMark() : ex.getContextMark();
			String problem = (ex.getContext() != null ? ex.getContext() + ", " : "") + ex.getProblem();
			throw new InvalidCredentialDefinitionException(file, (mark != null) ? mark.getLine() + 1 : 1,
					"not valid YAML: " + problem);
		}
		catch (YAMLException ex) {
			throw new InvalidCredentialDefinitionException(file, "not valid YAML: " + ex.getMessage());
		}
		if (root == null) {
			throw new InvalidCredentialDefinitionException(file, 1, "the file is empty");
		}
		return new CredentialFile(file).credential(id, root);
	}

	private CredentialDefinition credential(String id, Node root) {
		YamlMap map = YamlMap.of(file, root, "the credential", Set.of("title", "issuer", "competency", "keyMethod",
				"methodComponents", "resources", "license", "graduateCredit", "earning", "parts", "rubric", "team"));
		String title = map.text("title");
		boolean team = map.flag("team", false);
		String issuer = map.optionalText("issuer").orElse("");
		String competency = map.text("competency");
		String keyMethod = map.text("keyMethod");
		RichText methodComponents = richText(map.value("methodComponents"), "'methodComponents'");
		Resources resources = map.optionalMap("resources", "'resources'", Set.of("heading", "groups"))
			.map(this::resources)
			.orElse(Resources.NONE);
		Optional<License> license = map.optionalMap("license", "'license'", Set.of("attribution", "notice"))
			.map(m -> new License(m.text("attribution"), m.text("notice")));
		Optional<GraduateCredit> graduateCredit = map
			.optionalMap("graduateCredit", "'graduateCredit'", Set.of("heading", "text", "learnMore"))
			.map(m -> new GraduateCredit(m.text("heading"), m.text("text"),
					m.optionalMap("learnMore", "'learnMore'", Set.of("title", "link")).map(this::resource)));

		List<Part> parts = new ArrayList<>();
		for (Node node : map.list("parts")) {
			parts.add(part(node));
		}
		this.rubric = rubric(map.map("rubric", "'rubric'", Set.of("components")), parts);
		YamlMap earning = map.map("earning", "'earning'", Set.of("heading", "text", "rule"));
		EarningCriteria criteria = new EarningCriteria(earning.text("heading"), earning.text("text"),
				rule(earning.value("rule")));
		afterReading.forEach(Runnable::run);
		return new CredentialDefinition(id, title, issuer, competency, keyMethod, methodComponents, resources, license,
				graduateCredit, criteria, parts, rubric, team);
	}

	// Texts and resources

	private RichText richText(Node node, String what) {
		List<TextBlock> blocks = new ArrayList<>();
		for (Node item : YamlMap.sequence(file, node, what)) {
			YamlMap block = YamlMap.of(file, item, "a block of " + what, BLOCK_KINDS);
			String kind = onlyKey(block, BLOCK_KINDS);
			blocks.add(switch (kind) {
				case "heading" -> new TextBlock.Heading(block.text(kind));
				case "subheading" -> new TextBlock.Subheading(block.text(kind));
				case "paragraph" -> new TextBlock.Paragraph(block.text(kind));
				case "bullets" -> new TextBlock.Bullets(block.texts(kind, true));
				case "numbered" -> new TextBlock.Numbered(block.texts(kind, true));
				default -> new TextBlock.ResourceLink(
						resource(block.map(kind, "a resource of " + what, Set.of("title", "link"))));
			});
		}
		return new RichText(blocks);
	}

	/** The one key of a mapping that must have exactly one of several keys, such as a text block's kind. */
	private String onlyKey(YamlMap map, Set<String> kinds) {
		List<String> given = kinds.stream().filter(map::has).sorted().toList();
		if (given.size() != 1) {
			throw map.problem(map.what() + " must have exactly one of " + kinds.stream().sorted().toList()
					+ (given.isEmpty() ? "" : ", not " + given));
		}
		return given.get(0);
	}

	private Resources resources(YamlMap map) {
		List<ResourceGroup> groups = new ArrayList<>();
		for (Node node : map.list("groups")) {
			YamlMap group = YamlMap.of(file, node, "a resource group", Set.of("heading", "items"));
			List<Resource> items = new ArrayList<>();
			for (Node item : group.list("items")) {
				items.add(resource(YamlMap.of(file, item, "a resource", Set.of("title", "link"))));
			}
			groups.add(new ResourceGroup(group.text("heading"), items));
		}
		return new Resources(map.text("heading"), groups);
	}

	/** A resource; its link may be left out or empty, because the seeds name resources without giving links. */
	private Resource resource(YamlMap map) {
		String link = map.optionalValue("link")
			.filter(node -> !(node instanceof ScalarNode scalar && scalar.getValue().isBlank()))
			.map(node -> YamlMap.scalar(file, node, "'link' of a resource"))
			.orElse("");
		if (!link.isEmpty()) {
			try {
				URI uri = new URI(link);
				if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
					throw map.problemAt("link", "link '" + link + "' must be an http or https URL");
				}
			}
			catch (URISyntaxException ex) {
				throw map.problemAt("link", "link '" + link + "' is not a URL: " + ex.getReason());
			}
		}
		return new Resource(map.text("title"), link);
	}

	// Parts, artifacts and forms

	private Part part(Node node) {
		YamlMap unnamed = YamlMap.of(file, node, "a part",
				Set.of("id", "title", "instructions", "words", "prompts", "form", "artifacts"));
		String id = id(unnamed, partAndArtifactIds, "part or artifact");
		String what = "part '" + id + "'";
		YamlMap map = unnamed.named(what);
		RichText instructions = map.optionalValue("instructions")
			.map(value -> richText(value, "'instructions' of " + what))
			.orElse(RichText.EMPTY);
		Optional<WordRange> words = map.optionalMap("words", "'words' of " + what, Set.of("min", "max"))
			.map(range -> new WordRange(range.integer("min"), max(range, range.integer("min"))));
		Map<String, Node> promptIds = new LinkedHashMap<>();
		List<Prompt> prompts = new ArrayList<>();
		for (Node promptNode : map.optionalList("prompts")) {
			YamlMap prompt = YamlMap.of(file, promptNode, "a prompt of " + what, Set.of("id", "text"));
			prompts.add(new Prompt(id(prompt, promptIds, "prompt"), prompt.text("text")));
		}
		if (words.isPresent() && prompts.isEmpty()) {
			throw map.problemAt("words", what + " sets a word range but has no prompts to answer");
		}
		Optional<EvidenceForm> form = map.optionalValue("form").map(value -> form(value, "the form of " + what));
		List<Artifact> partArtifacts = new ArrayList<>();
		for (Node artifactNode : map.optionalList("artifacts")) {
			Artifact artifact = artifact(artifactNode);
			artifacts.put(artifact.id(), artifact);
			partArtifacts.add(artifact);
		}
		if (prompts.isEmpty() && form.isEmpty() && partArtifacts.isEmpty()) {
			throw map.problem(what + " asks for nothing: give it prompts, a form or artifacts");
		}
		return new Part(id, map.text("title"), instructions, words, prompts, form, partArtifacts);
	}

	private Artifact artifact(Node node) {
		YamlMap unnamed = YamlMap.of(file, node, "an artifact",
				Set.of("id", "title", "instructions", "requirements", "form", "checks"));
		String id = id(unnamed, partAndArtifactIds, "part or artifact");
		String what = "artifact '" + id + "'";
		YamlMap map = unnamed.named(what);
		RichText instructions = map.optionalValue("instructions")
			.map(value -> richText(value, "'instructions' of " + what))
			.orElse(RichText.EMPTY);
		EvidenceForm form = form(map.value("form"), "the form of " + what);
		Map<String, Node> checkIds = new LinkedHashMap<>();
		List<Check> checks = new ArrayList<>();
		for (Node checkNode : map.optionalList("checks")) {
			checks.add(check(YamlMap.of(file, checkNode, "a check of " + what,
					Set.of("id", "label", "component", "ratio", "atLeast", "dateSpan", "coversChoices", "anyItem")),
					form, what, checkIds));
		}
		return new Artifact(id, map.text("title"), instructions, map.texts("requirements", false), form, checks);
	}

	private EvidenceForm form(Node node, String what) {
		YamlMap map = YamlMap.of(file, node, what, Set.of("groups", "files", "alternatives"));
		Map<String, Node> memberIds = new LinkedHashMap<>();
		List<FieldGroup> groups = new ArrayList<>();
		for (Node groupNode : map.optionalList("groups")) {
			groups.add(group(YamlMap.of(file, groupNode, "a group of " + what,
					Set.of("id", "label", "min", "max", "fields", "files")), memberIds, what));
		}
		List<FileSlot> files = new ArrayList<>();
		for (Node slotNode : map.optionalList("files")) {
			files.add(fileSlot(slotNode, memberIds, "group or file", what));
		}
		if (groups.isEmpty() && files.isEmpty()) {
			throw map.problem(what + " asks for nothing: give it groups of fields or files");
		}
		List<Alternative> alternatives = new ArrayList<>();
		for (Node alternativeNode : map.optionalList("alternatives")) {
			List<String> members = new ArrayList<>();
			for (Node memberNode : YamlMap.sequence(file, alternativeNode, "an alternative of " + what)) {
				String member = YamlMap.scalar(file, memberNode, "a member of an alternative of " + what);
				if (!memberIds.containsKey(member)) {
					throw YamlMap.problem(file, memberNode, "alternative names '" + member
							+ "', which is no group or file of " + what + " " + memberIds.keySet());
				}
				members.add(member);
			}
			if (members.size() < 2) {
				throw YamlMap.problem(file, alternativeNode,
						"an alternative of " + what + " needs at least two groups or files to choose from");
			}
			alternatives.add(new Alternative(members));
		}
		return new EvidenceForm(groups, files, alternatives);
	}

	private FieldGroup group(YamlMap unnamed, Map<String, Node> memberIds, String formWhat) {
		String id = id(unnamed, memberIds, "group or file");
		String what = "group '" + id + "' of " + formWhat;
		YamlMap map = unnamed.named(what);
		int min = map.optionalInteger("min").orElse(1);
		int max = map.has("max") ? max(map, min) : CountRange.UNBOUNDED;
		Map<String, Node> fieldIds = new LinkedHashMap<>();
		List<Field> fields = new ArrayList<>();
		for (Node fieldNode : map.list("fields")) {
			fields.add(field(YamlMap.of(file, fieldNode, "a field of " + what,
					Set.of("id", "label", "type", "required", "choices", "references")), fieldIds, what));
		}
		List<FileSlot> files = new ArrayList<>();
		for (Node slotNode : map.optionalList("files")) {
			files.add(fileSlot(slotNode, fieldIds, "field or file", what));
		}
		return new FieldGroup(id, map.text("label"), new CountRange(min, max), fields, files);
	}

	/** The {@code max} of a range, which must not be below its {@code min} nor zero. */
	private int max(YamlMap map, int min) {
		int max = map.integer("max");
		if (max == 0) {
			throw map.problemAt("max", "max of " + map.what() + " must be at least 1");
		}
		if (min > max) {
			throw map.problemAt("max", "min " + min + " is greater than max " + max + " in " + map.what());
		}
		return max;
	}

	private Field field(YamlMap unnamed, Map<String, Node> fieldIds, String groupWhat) {
		String id = id(unnamed, fieldIds, "field or file");
		String what = "field '" + id + "' of " + groupWhat;
		YamlMap map = unnamed.named(what);
		String typeName = map.text("type");
		FieldType type = FieldType.fromDataName(typeName)
			.orElseThrow(() -> map.problemAt("type",
					"field type '" + typeName + "' is not one of " + FieldType.dataNames()));
		List<Choice> choices = new ArrayList<>();
		if (type == FieldType.CHOICE) {
			Map<String, Node> choiceIds = new LinkedHashMap<>();
			for (Node choiceNode : map.list("choices")) {
				YamlMap choice = YamlMap.of(file, choiceNode, "a choice of " + what, Set.of("id", "label"));
				choices.add(new Choice(id(choice, choiceIds, "choice"), choice.text("label")));
			}
			if (choices.size() < 2) {
				throw map.problemAt("choices", what + " needs at least two choices");
			}
		}
		else if (map.has("choices")) {
			throw map.problemAt("choices", what + " has choices but its type is '" + typeName + "', not 'choice'");
		}
		Optional<ItemReference> references = Optional.empty();
		if (type == FieldType.REFERENCE) {
			references = Optional.of(itemReference(map, what));
		}
		else if (map.has("references")) {
			throw map.problemAt("references",
					what + " names a group to reference but its type is '" + typeName + "', not 'reference'");
		}
		return new Field(id, map.text("label"), type, map.flag("required", true), choices, references);
	}

	/** An {@code artifact.group} reference, checked once every artifact is read, since it may point further down. */
	private ItemReference itemReference(YamlMap map, String what) {
		String text = map.text("references");
		String[] pieces = text.split("\\.", -1);
		if (pieces.length != 2) {
			throw map.problemAt("references",
					what + " must reference 'artifact.group', such as 'community-asset-map.assets', not '" + text + "'");
		}
		ItemReference reference = new ItemReference(pieces[0], pieces[1]);
		Node at = map.at("references");
		afterReading.add(() -> {
			Artifact target = artifacts.get(reference.artifact());
			if (target == null) {
				throw YamlMap.problem(file, at, what + " references an unknown artifact '" + reference.artifact()
						+ "' (artifacts: " + artifacts.keySet() + ")");
			}
			if (target.form().group(reference.group()).isEmpty()) {
				throw YamlMap.problem(file, at, what + " references an unknown group '" + reference.group()
						+ "' of artifact '" + target.id() + "' (groups: "
						+ target.form().groups().stream().map(FieldGroup::id).toList() + ")");
			}
		});
		return reference;
	}

	private FileSlot fileSlot(Node node, Map<String, Node> ids, String idKind, String ownerWhat) {
		YamlMap unnamed = YamlMap.of(file, node, "a file of " + ownerWhat,
				Set.of("id", "label", "accept", "min", "max"));
		String id = id(unnamed, ids, idKind);
		YamlMap map = unnamed.named("file '" + id + "' of " + ownerWhat);
		List<String> accept = map.texts("accept", true);
		for (String mediaType : accept) {
			if (!MEDIA_TYPE.matcher(mediaType).matches()) {
				throw map.problemAt("accept", "'" + mediaType + "' in " + map.what()
						+ " is not a media type such as application/pdf or image/jpeg");
			}
		}
		int min = map.optionalInteger("min").orElse(1);
		int max = map.has("max") ? max(map, min) : Math.max(min, 1);
		return new FileSlot(id, map.text("label"), accept, new CountRange(min, max));
	}

	// Checks

	private Check check(YamlMap unnamed, EvidenceForm form, String artifactWhat, Map<String, Node> checkIds) {
		String id = id(unnamed, checkIds, "check");
		String what = "check '" + id + "' of " + artifactWhat;
		YamlMap map = unnamed.named(what);
		String label = map.text("label");
		String kind = onlyKey(map, CHECK_KINDS);
		Optional<String> component = map.optionalText("component");
		component.ifPresent(componentId -> {
			Node at = map.at("component");
			afterReading.add(() -> component(componentId, at, what));
		});
		return switch (kind) {
			case "ratio" -> ratio(map.map(kind, "'ratio' of " + what, Set.of("numerator", "denominator", "bands")),
					id, label, component, form, what, map);
			case "atLeast" -> {
				YamlMap atLeast = map.map(kind, "'atLeast' of " + what, Set.of("field", "value"));
				yield new Check.AtLeast(id, label, component, fieldPath(atLeast, "field", form, FieldType.NUMBER),
						atLeast.decimal("value"));
			}
			case "dateSpan" -> {
				YamlMap span = map.map(kind, "'dateSpan' of " + what, Set.of("dates", "weeks"));
				List<FieldPath> dates = new ArrayList<>();
				for (Node dateNode : span.list("dates")) {
					dates.add(fieldPath(span, dateNode, form, FieldType.DATE));
				}
				YamlMap weeks = span.map("weeks", "'weeks' of " + what, Set.of("min", "max"));
				int min = weeks.integer("min");
				yield new Check.DateSpan(id, label, component, dates, min, max(weeks, min));
			}
			case "coversChoices" -> new Check.CoversChoices(id, label, component, fieldPath(
					map.map(kind, "'coversChoices' of " + what, Set.of("field")), "field", form, FieldType.CHOICE));
			default -> new Check.AnyItem(id, label, component,
					fieldPath(map.map(kind, "'anyItem' of " + what, Set.of("field")), "field", form, null));
		};
	}

	private Check.Ratio ratio(YamlMap ratio, String id, String label, Optional<String> component, EvidenceForm form,
			String what, YamlMap check) {
		if (component.isEmpty()) {
			throw check.problem(what + " needs a 'component', since its bands name that component's levels");
		}
		FieldPath numerator = fieldPath(ratio, "numerator", form, FieldType.NUMBER);
		FieldPath denominator = fieldPath(ratio, "denominator", form, FieldType.NUMBER);
		List<PercentBand> bands = new ArrayList<>();
		for (Node bandNode : ratio.list("bands")) {
			YamlMap band = YamlMap.of(file, bandNode, "a band of " + what,
					Set.of("level", "atLeast", "atMost", "under"));
			String level = band.text("level");
			Optional<BigDecimal> atLeast = band.optionalDecimal("atLeast");
			Optional<BigDecimal> atMost = band.optionalDecimal("atMost");
			Optional<BigDecimal> under = band.optionalDecimal("under");
			if (atLeast.isEmpty() && atMost.isEmpty() && under.isEmpty()) {
				throw band.problem("a band of " + what + " needs at least one of atLeast, atMost, under");
			}
			if (atMost.isPresent() && under.isPresent()) {
				throw band.problem("a band of " + what + " has both atMost and under; give one");
			}
			Optional<BigDecimal> upper = atMost.or(() -> under);
			if (atLeast.isPresent() && upper.isPresent() && atLeast.get().compareTo(upper.get()) > 0) {
				throw band.problem("a band of " + what + " starts at " + atLeast.get() + "%, above its end at "
						+ upper.get() + "%");
			}
			Node at = band.at("level");
			afterReading.add(() -> level(component(component.get(), check.at("component"), what), level, at));
			bands.add(new PercentBand(level, atLeast, atMost, under));
		}
		return new Check.Ratio(id, label, component, numerator, denominator, bands);
	}

	private FieldPath fieldPath(YamlMap map, String key, EvidenceForm form, FieldType expected) {
		return fieldPath(map, map.value(key), form, expected);
	}

	/** A {@code group.field} of the artifact's own form, of the expected type unless that is null. */
	private FieldPath fieldPath(YamlMap map, Node node, EvidenceForm form, FieldType expected) {
		String text = YamlMap.scalar(file, node, "a field of " + map.what());
		String[] pieces = text.split("\\.", -1);
		if (pieces.length != 2) {
			throw YamlMap.problem(file, node,
					"'" + text + "' in " + map.what() + " must name a field as 'group.field'");
		}
		FieldPath path = new FieldPath(pieces[0], pieces[1]);
		FieldGroup group = form.group(path.group())
			.orElseThrow(() -> YamlMap.problem(file, node, map.what() + " names an unknown group '" + path.group()
					+ "' (groups: " + form.groups().stream().map(FieldGroup::id).toList() + ")"));
		Field field = group.field(path.field())
			.orElseThrow(() -> YamlMap.problem(file, node, map.what() + " names an unknown field '" + path.field()
					+ "' of group '" + group.id() + "' (fields: " + group.fields().stream().map(Field::id).toList()
					+ ")"));
		if (expected != null && field.type() != expected) {
			throw YamlMap.problem(file, node, map.what() + " needs a " + expected.dataName() + " field, but '" + path
					+ "' is " + field.type().dataName());
		}
		return path;
	}

	// Rubric and earning rule

	private Rubric rubric(YamlMap map, List<Part> parts) {
		Map<String, Node> componentIds = new LinkedHashMap<>();
		List<RubricComponent> components = new ArrayList<>();
		for (Node componentNode : map.list("components")) {
			YamlMap unnamed = YamlMap.of(file, componentNode, "a rubric component", Set.of("id", "title", "levels"));
			String id = id(unnamed, componentIds, "rubric component");
			YamlMap component = unnamed.named("rubric component '" + id + "'");
			if (!partAndArtifactIds.containsKey(id)) {
				throw component.problemAt("id", "rubric component '" + id + "' is no part or artifact (parts and"
						+ " artifacts: " + partAndArtifactIds.keySet() + ")");
			}
			String what = "rubric component '" + id + "'";
			Map<String, Node> levelIds = new LinkedHashMap<>();
			List<RubricLevel> levels = new ArrayList<>();
			for (Node levelNode : component.list("levels")) {
				YamlMap level = YamlMap.of(file, levelNode, "a level of " + what, Set.of("id", "label", "descriptor"));
				levels.add(new RubricLevel(id(level, levelIds, "level"), level.text("label"),
						level.optionalText("descriptor").orElse("")));
			}
			if (levels.size() < 2) {
				throw component.problemAt("levels", what + " needs at least two levels, best first");
			}
			components.add(new RubricComponent(id, component.text("title"), levels));
		}
		for (Part part : parts) {
			boolean scored = componentIds.containsKey(part.id()) || (!part.artifacts().isEmpty()
					&& part.artifacts().stream().allMatch(artifact -> componentIds.containsKey(artifact.id())));
			if (!scored) {
				throw YamlMap.problem(file, partAndArtifactIds.get(part.id()), "part '" + part.id()
						+ "' is not scored: the rubric needs a component for it or for each of its artifacts");
			}
		}
		return new Rubric(components);
	}

	private EarningRule rule(Node node) {
		YamlMap map = YamlMap.of(file, node, "an earning rule", Set.of("all", "any", "component", "atLeast"));
		if (map.has("all") || map.has("any")) {
			String kind = onlyKey(map, Set.of("all", "any", "component", "atLeast"));
			List<EarningRule> rules = new ArrayList<>();
			for (Node item : map.list(kind)) {
				rules.add(rule(item));
			}
			return kind.equals("all") ? new EarningRule.All(rules) : new EarningRule.Any(rules);
		}
		RubricComponent component = component(map.text("component"), map.at("component"), "the earning rule");
		String level = map.text("atLeast");
		level(component, level, map.at("atLeast"));
		return EarningRule.AtLeast.of(component, level);
	}

	private RubricComponent component(String id, Node at, String what) {
		return rubric.component(id)
			.orElseThrow(() -> YamlMap.problem(file, at, what + " names rubric component '" + id
					+ "', which the rubric does not have (components: "
					+ rubric.components().stream().map(RubricComponent::id).toList() + ")"));
	}

	private void level(RubricComponent component, String level, Node at) {
		if (component.level(level).isEmpty()) {
			throw YamlMap.problem(file, at,
					"rubric level '" + level + "' is not one of the component's levels " + component.levelIds());
		}
	}

	// Ids

	/** The mapping's id, in the expected form and not used before in its scope. */
	private String id(YamlMap map, Map<String, Node> scope, String kind) {
		String id = map.text("id");
		Node at = map.at("id");
		if (!ID.matcher(id).matches()) {
			throw YamlMap.problem(file, at, kind + " id '" + id
					+ "' must be lower-case letters, digits and single hyphens, such as 'needs-assessment'");
		}
		Node earlier = scope.putIfAbsent(id, at);
		if (earlier != null) {
			throw YamlMap.problem(file, at,
					"duplicate " + kind + " id '" + id + "' (first used on line " + YamlMap.line(earlier) + ")");
		}
		return id;
	}
}
