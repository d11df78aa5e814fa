/**
 * How damage is drawn: a {@code Canvas} that composites anti-aliased damage layers ("over", with the
 * mask at opacity one half) and multiplies tone layers, a {@code Composer} that draws elements until a
 * coverage target is met, one painter per kind of damage, and the hashed value noise that makes edges
 * ragged and tones uneven. Not part of the API.
 */
package dev.imagerestore.models.damage.internal;
