package org.proofwork.submission;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.proofwork.catalog.CredentialDefinition;
import org.proofwork.catalog.FieldGroup;
import org.proofwork.catalog.FileSlot;
import org.proofwork.evidence.EvidenceFile;
import org.proofwork.evidence.EvidenceFiles;
import org.proofwork.evidence.EvidenceOwner;
import org.proofwork.lti.LtiLaunch;
import org.proofwork.system.UserFacingException;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Evidence files of the workspace: uploads (a multipart form, or the raw body the page's uploader streams with a
 * progress bar), downloads and removal. Every file is looked up with the launch's own workspace as its owner.
 */
@Controller
class WorkspaceFilesController {

	private final Workspaces workspaces;

	private final EvidenceFiles evidence;

	private final MessageSource messages;

	WorkspaceFilesController(Workspaces workspaces, EvidenceFiles evidence, MessageSource messages) {
		this.workspaces = workspaces;
		this.evidence = evidence;
		this.messages = messages;
	}

	static EvidenceOwner owner(Workspace workspace) {
		return new EvidenceOwner(workspace.registrationId(), workspace.deploymentId(), workspace.contextId(),
				workspace.id());
	}

	/** One or more files from the form. {@code item=new} makes an item per file (a photo essay's photos). */
	@PostMapping("/launches/{launchId}/workspace/sections/{sectionId}/files")
	Object uploadForm(LtiLaunch launch, @PathVariable String sectionId, @RequestParam String slot,
			@RequestParam(required = false) String group, @RequestParam(required = false) String item,
			@RequestParam("file") List<MultipartFile> files, HttpServletRequest request, Locale locale,
			RedirectAttributes redirect) throws IOException {
		List<String> uploaded = new ArrayList<>();
		String problem = null;
		for (MultipartFile file : files) {
			if (file.isEmpty() && file.getOriginalFilename() != null && file.getOriginalFilename().isEmpty()) {
				continue;
			}
			try (InputStream in = file.getInputStream()) {
				uploaded.add(store(launch, sectionId, slot, group, item, file.getOriginalFilename(), in, file.getSize()));
			}
			catch (UserFacingException ex) {
				problem = explain(ex, locale);
				break;
			}
		}
		return answer(launch, sectionId, uploaded, problem, request, redirect);
	}

	/** One file as the raw request body, streamed straight to storage (large videos). */
	@PutMapping("/launches/{launchId}/workspace/sections/{sectionId}/files")
	Object uploadBody(LtiLaunch launch, @PathVariable String sectionId, @RequestParam String slot,
			@RequestParam(required = false) String group, @RequestParam(required = false) String item,
			@RequestParam String name, HttpServletRequest request, Locale locale, RedirectAttributes redirect)
			throws IOException {
		try (InputStream in = request.getInputStream()) {
			String id = store(launch, sectionId, slot, group, item, name, in, request.getContentLengthLong());
			return answer(launch, sectionId, List.of(id), null, request, redirect);
		}
		catch (UserFacingException ex) {
			return answer(launch, sectionId, List.of(), explain(ex, locale), request, redirect);
		}
	}

	@GetMapping("/launches/{launchId}/workspace/files/{fileId}")
	ResponseEntity<StreamingResponseBody> download(LtiLaunch launch, @PathVariable String fileId,
			@RequestParam(defaultValue = "false") boolean thumbnail,
			@RequestParam(defaultValue = "false") boolean inline) {
		return evidence.serve(owner(workspaces.require(launch)), fileId, thumbnail, inline);
	}

	@PostMapping("/launches/{launchId}/workspace/sections/{sectionId}/files/{fileId}/remove")
	String remove(LtiLaunch launch, @PathVariable String sectionId, @PathVariable String fileId) {
		Workspace workspace = workspaces.require(launch);
		Section section = section(workspaces.credential(workspace), sectionId);
		EvidenceOwner owner = owner(workspace);
		if (evidence.find(owner, fileId).isEmpty()) {
			throw new UserFacingException(HttpStatus.NOT_FOUND, "error.404.title", "error.404.advice",
					"no file " + fileId);
		}
		if (workspaces.detachFile(launch, section, fileId)) {
			evidence.delete(owner, fileId);
		}
		return "redirect:/launches/" + launch.launchId() + "/workspace/sections/" + sectionId;
	}

	private String store(LtiLaunch launch, String sectionId, String slotId, String groupId, String item,
			String name, InputStream content, long length) {
		Workspace workspace = workspaces.require(launch);
		if (!workspace.status().editable()) {
			throw new UserFacingException(HttpStatus.CONFLICT, "workspace.locked.title", "workspace.locked.advice",
					"upload to " + workspace.status());
		}
		CredentialDefinition credential = workspaces.credential(workspace);
		Section section = section(credential, sectionId);
		FieldGroup group = groupId == null ? null
				: section.form().flatMap(form -> form.group(groupId)).orElseThrow(() -> notFound(groupId));
		FileSlot slot = (group == null ? section.form().flatMap(form -> form.file(slotId))
				: group.files().stream().filter(f -> f.id().equals(slotId)).findFirst())
			.orElseThrow(() -> notFound(slotId));
		EvidenceFile file = evidence.upload(owner(workspace), slot, name == null ? "file" : name, content, length);
		int index = group == null ? -1 : itemIndex(workspace, section, group, item);
		workspaces.attachFile(launch, section, slot.id(), group == null ? null : group.id(), index, file.id());
		if (group != null && file.takenOn().isPresent()) {
			workspaces.fillDateIfEmpty(launch, section, group, index, file.takenOn().get());
		}
		return file.id();
	}

	/**
	 * The item a file goes to. A new item is the first of the blank items at the end of the group, if any: the page
	 * saves its form before a bulk upload, and with the group still empty that form holds the one empty item the page
	 * shows, now stored; a photo goes into it rather than after it.
	 */
	private int itemIndex(Workspace workspace, Section section, FieldGroup group, String item) {
		List<Answers.Item> items = workspaces.answers(workspace).section(section.id()).items(group.id());
		int existing = items.size();
		if (item == null || "new".equals(item)) {
			int blankFrom = existing;
			while (blankFrom > 0 && items.get(blankFrom - 1).isBlank()) {
				blankFrom--;
			}
			if (blankFrom < existing) {
				return blankFrom;
			}
			if (group.count().isBounded() && existing >= group.count().max()) {
				throw new UserFacingException(HttpStatus.BAD_REQUEST, "workspace.files.too-many.title",
						"workspace.files.too-many.advice", "group full", group.label(), group.count().max());
			}
			return existing;
		}
		if (!item.matches("\\d{1,3}") || Integer.parseInt(item) >= existing) {
			throw notFound(item);
		}
		return Integer.parseInt(item);
	}

	private Object answer(LtiLaunch launch, String sectionId, List<String> uploaded, String problem,
			HttpServletRequest request, RedirectAttributes redirect) {
		if (MediaType.APPLICATION_JSON_VALUE.equals(request.getHeader("Accept"))) {
			int revision = workspaces.require(launch).draftRevision();
			return problem == null ? ResponseEntity.ok(Map.of("files", uploaded, "revision", revision))
					: ResponseEntity.badRequest().body(Map.of("problem", problem, "files", uploaded, "revision", revision));
		}
		if (problem != null) {
			redirect.addFlashAttribute("uploadProblem", problem);
		}
		else {
			redirect.addFlashAttribute("uploaded", uploaded.size());
		}
		return "redirect:/launches/" + launch.launchId() + "/workspace/sections/" + sectionId;
	}

	private String explain(UserFacingException ex, Locale locale) {
		return messages.getMessage(ex.titleCode(), ex.arguments(), locale) + " "
				+ messages.getMessage(ex.adviceCode(), ex.arguments(), locale);
	}

	private static Section section(CredentialDefinition credential, String sectionId) {
		return Section.find(credential, sectionId).orElseThrow(() -> notFound(sectionId));
	}

	private static UserFacingException notFound(String what) {
		return new UserFacingException(HttpStatus.NOT_FOUND, "error.404.title", "error.404.advice", "no " + what);
	}
}
