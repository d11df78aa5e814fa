package dev.imagerestore.models.train;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Turns PyTorch's autograd off on this thread for a scope (torch.no_grad()), restoring the previous
 * mode on close. In-place updates of leaf parameters are only legal with autograd off.
 */
final class NoGrad implements AutoCloseable {

    private final boolean previous;

    NoGrad() {
        previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
    }

    @Override
    public void close() {
        JniUtils.setGradMode(previous);
    }
}
