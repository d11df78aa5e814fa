package dev.imagerestore.operators;

import dev.imagerestore.operators.files.RelativePaths;
import dev.imagerestore.operators.internal.TypeInfoFactories;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.apache.flink.util.OutputTag;

/**
 * A file that could not be restored: which file, at which stage, and a reason a user can act on
 * (it names the value, the limit and the fix where there is one). A <em>skipped</em> letter is an
 * entry the job chose not to restore (not an image, a FIFO, an output that exists, ...), reported
 * with {@code "status":"skipped"}; any other letter is a failure.
 *
 * <p>Operators emit dead letters to the side output {@link #OUTPUT_TAG}; the job turns them into
 * report lines with {@link ReportLine#failed(DeadLetter)}. A letter about one page of a multi-page
 * file (a multi-page TIFF or an animated GIF) carries the page, and its reason names it; the other
 * pages go on. Serialized as three strings, a flag and the page by
 * {@link dev.imagerestore.operators.internal.DeadLetterSerializer}.
 *
 * @param file input path relative to the input root
 * @param stage where it failed
 * @param reason what went wrong, one line
 * @param skipped whether the entry was skipped on purpose rather than failed
 * @param page the page of a multi-page file the letter is about, from 1; 0 for a whole file
 */
@TypeInfo(TypeInfoFactories.DeadLetterFactory.class)
public record DeadLetter(String file, PipelineStage stage, String reason, boolean skipped, int page) {

    /** The side output every operator of this module sends its dead letters to. */
    public static final OutputTag<DeadLetter> OUTPUT_TAG = new OutputTag<>("dead-letters", ImageTypes.DEAD_LETTER);

    public DeadLetter {
        RelativePaths.check(file);
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(reason, "reason");
        if (page < 0) {
            throw new IllegalArgumentException("page must be >= 0 (0 for a whole file), got " + page + " for " + file);
        }
    }

    /** A letter about a whole file. */
    public DeadLetter(String file, PipelineStage stage, String reason, boolean skipped) {
        this(file, stage, reason, skipped, 0);
    }

    /** A failure of {@code file} at {@code stage}. */
    public DeadLetter(String file, PipelineStage stage, String reason) {
        this(file, stage, reason, false);
    }

    /** An entry not restored on purpose, with why ("not an image extension", "fifo", ...). */
    public static DeadLetter skipped(String file, PipelineStage stage, String reason) {
        return new DeadLetter(file, stage, reason, true);
    }

    /**
     * The failure of {@code image} at {@code stage}: its file and the exception's message; for a
     * page of a multi-page file, with the page, and "page 2 of 3: " before the message.
     */
    public static DeadLetter of(DecodedImage image, PipelineStage stage, Throwable error) {
        return of(image.relativePath(), stage, error).about(image);
    }

    /** {@code image} not restored on purpose, with why; for a page of a multi-page file, as {@link #of(DecodedImage, PipelineStage, Throwable)}. */
    public static DeadLetter skipped(DecodedImage image, PipelineStage stage, String reason) {
        return skipped(image.relativePath(), stage, reason).about(image);
    }

    /** This letter about page {@code page} (from 1) of a multi-page file; its reason is left as it is. */
    public DeadLetter onPage(int page) {
        return new DeadLetter(file, stage, reason, skipped, page);
    }

    private DeadLetter about(DecodedImage image) {
        return aboutPage(image.page(), image.pages());
    }

    /**
     * This letter about page {@code page} of a file of {@code pages}: for a page of a multi-page
     * file, with the page and "page 2 of 3: " before the reason (as {@link #of(DecodedImage,
     * PipelineStage, Throwable)} makes it); for a single image, this letter.
     */
    public DeadLetter aboutPage(int page, int pages) {
        return pages > 1
                ? new DeadLetter(file, stage, DecodedImage.pageLabel(page, pages) + ": " + reason, skipped, page)
                : this;
    }

    /** A dead letter whose reason is the exception's message (or its class name if it has none). */
    public static DeadLetter of(String file, PipelineStage stage, Throwable error) {
        String message = error.getMessage();
        return new DeadLetter(
                file,
                stage,
                message == null || message.isBlank() ? error.getClass().getName() : message);
    }
}
