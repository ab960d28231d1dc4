/**
 * Archives in an S3-compatible bucket ({@code parley.archives.storage=s3}), through the AWS SDK v2 with the JDK's
 * HTTP client. Implements the archives package's {@link io.parley.embedded.archives.ArchiveStorage}.
 */
package io.parley.embedded.archives.s3;
