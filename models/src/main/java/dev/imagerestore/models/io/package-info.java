/**
 * Models on disk: a {@link dev.imagerestore.models.io.ModelDirectory} holds {@code model-card.json}
 * (a {@link dev.imagerestore.models.io.ModelCard}: architecture, schedule, training record and
 * evaluation) and the weights it names, checked by SHA-256 and shape on load;
 * {@link dev.imagerestore.models.io.TorchScriptModels} loads a user's TorchScript export under the
 * same card format. Every unusable file is a {@link dev.imagerestore.models.io.ModelFormatException}
 * naming the file.
 */
package dev.imagerestore.models.io;
