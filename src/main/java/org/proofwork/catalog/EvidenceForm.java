package org.proofwork.catalog;

import java.util.List;
import java.util.Optional;

/**
 * Structured evidence: repeating groups of typed fields, and slots for uploaded files.
 *
 * @param groups the field groups in order
 * @param files slots for files uploaded for the form as a whole
 * @param alternatives sets of groups and file slots of which the educator provides at least one, such as a survey
 * uploaded as a document or entered question by question; a member left out does not need its minimum count
 */
public record EvidenceForm(List<FieldGroup> groups, List<FileSlot> files, List<Alternative> alternatives) {

	public EvidenceForm {
		groups = List.copyOf(groups);
		files = List.copyOf(files);
		alternatives = List.copyOf(alternatives);
	}

	public Optional<FieldGroup> group(String groupId) {
		return groups.stream().filter(group -> group.id().equals(groupId)).findFirst();
	}

	public Optional<FileSlot> file(String slotId) {
		return files.stream().filter(slot -> slot.id().equals(slotId)).findFirst();
	}

	/** The field a path such as {@code administration.families-sent-to} names. */
	public Optional<Field> field(FieldPath path) {
		return group(path.group()).flatMap(group -> group.field(path.field()));
	}

	/** Whether the group or file slot with this id may be left out because another member of its set is given. */
	public boolean isAlternative(String memberId) {
		return alternatives.stream().anyMatch(alternative -> alternative.members().contains(memberId));
	}
}
