package org.proofwork.catalog;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * Finds and reads every credential data file: the built-in ones on the classpath and those of the optional external
 * folder. Ids must be unique across both, so a file dropped into the folder cannot silently replace a credential
 * educators already hold.
 */
final class CredentialDefinitions {

	static final String BUILT_IN_FOLDER = "credentials";

	private static final String EXTENSION = ".yaml";

	private CredentialDefinitions() {
	}

	/**
	 * @param classpathFolder the classpath folder of the built-in files, such as {@value #BUILT_IN_FOLDER}
	 * @return the definitions in the order read: built-in first, each source by file name
	 * @throws InvalidCredentialDefinitionException for the first broken file, or an id used twice
	 */
	static List<CredentialDefinition> load(ResourcePatternResolver resolver, String classpathFolder,
			Optional<Path> externalFolder) {
		Map<String, String> fileById = new LinkedHashMap<>();
		List<CredentialDefinition> definitions = new ArrayList<>();
		for (Source source : builtIn(resolver, classpathFolder)) {
			definitions.add(read(source, fileById));
		}
		if (externalFolder.isPresent()) {
			for (Source source : external(externalFolder.get())) {
				definitions.add(read(source, fileById));
			}
		}
		return definitions;
	}

	private static CredentialDefinition read(Source source, Map<String, String> fileById) {
		String id = source.fileName().substring(0, source.fileName().length() - EXTENSION.length());
		String earlier = fileById.putIfAbsent(id, source.name());
		if (earlier != null) {
			throw new InvalidCredentialDefinitionException(source.name(),
					"credential id '" + id + "' is already defined by " + earlier + "; rename one of the files");
		}
		try (Reader reader = source.open()) {
			return CredentialFile.read(source.name(), id, reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not read credential file " + source.name(), ex);
		}
	}

	private static List<Source> builtIn(ResourcePatternResolver resolver, String folder) {
		try {
			return Stream.of(resolver.getResources("classpath*:" + folder + "/*" + EXTENSION))
				.map(resource -> new Source(folder + "/" + resource.getFilename(), resource.getFilename(), resource))
				.sorted(Comparator.comparing(Source::fileName))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not list the built-in credentials in classpath:" + folder, ex);
		}
	}

	private static List<Source> external(Path folder) {
		if (!Files.isDirectory(folder)) {
			throw new InvalidCredentialDefinitionException(folder.toString(),
					"proofwork.catalog.external-folder is not a readable folder");
		}
		try (Stream<Path> files = Files.list(folder)) {
			List<Path> paths = files.filter(Files::isRegularFile).sorted().toList();
			for (Path path : paths) {
				// A .yml file would otherwise be skipped without a word, and its credential missed.
				if (path.getFileName().toString().endsWith(".yml")) {
					throw new InvalidCredentialDefinitionException(path.toString(),
							"credential files must end in " + EXTENSION + ", not .yml");
				}
			}
			return paths.stream()
				.filter(path -> path.getFileName().toString().endsWith(EXTENSION))
				.map(path -> new Source(path.toString(), path.getFileName().toString(),
						new FileSystemResource(path)))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not list the credentials in " + folder, ex);
		}
	}

	/**
	 * @param name how messages name the file
	 * @param fileName the file's own name, from which the credential's id comes
	 */
	private record Source(String name, String fileName, Resource resource) {

		Reader open() throws IOException {
			return new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8);
		}
	}
}
