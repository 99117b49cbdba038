package org.proofwork;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Proofwork: an LTI 1.3 tool for evidence-based educator micro-credentials.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Modulithic(systemName = "Proofwork", sharedModules = "system")
public class ProofworkApplication {

	public static void main(String[] args) {
		SpringApplication.run(ProofworkApplication.class, args);
	}
}
