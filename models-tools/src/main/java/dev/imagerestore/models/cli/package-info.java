/**
 * The command lines of the models library ({@code train}, {@code train-depth}, {@code train-detector},
 * {@code eval ...}), as picocli commands and their shared option mixins; the job jar offers the same
 * sub-commands beside {@code restore}. Usage errors are answered in a line or two with exit code 2
 * ({@link dev.imagerestore.models.cli.CliErrors}).
 */
package dev.imagerestore.models.cli;
