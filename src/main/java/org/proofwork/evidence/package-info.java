/**
 * Evidence files: content-addressed storage (filesystem by default, S3-compatible for several nodes), upload checks
 * by the file's bytes, de-identified re-encoding of photos with thumbnails, and serving each file only to its owner.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Evidence")
package org.proofwork.evidence;
