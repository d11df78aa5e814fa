package dev.imagerestore.operators.internal;

import dev.imagerestore.operators.DeadLetter;
import dev.imagerestore.operators.DecodedImage;
import dev.imagerestore.operators.ImageFile;
import dev.imagerestore.operators.ImageTypes;
import dev.imagerestore.operators.ReportLine;
import dev.imagerestore.operators.RestoredImage;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * The factories named by the {@code @TypeInfo} annotations on this module's records, so that Flink's
 * type extraction finds the hand-written serializers without any registration by the job.
 */
public final class TypeInfoFactories {

    private TypeInfoFactories() {}

    /** For {@link ImageFile}. */
    public static final class ImageFileFactory extends TypeInfoFactory<ImageFile> {
        @Override
        public TypeInformation<ImageFile> createTypeInfo(Type t, Map<String, TypeInformation<?>> generics) {
            return ImageTypes.IMAGE_FILE;
        }
    }

    /** For {@link DecodedImage}. */
    public static final class DecodedImageFactory extends TypeInfoFactory<DecodedImage> {
        @Override
        public TypeInformation<DecodedImage> createTypeInfo(Type t, Map<String, TypeInformation<?>> generics) {
            return ImageTypes.DECODED_IMAGE;
        }
    }

    /** For {@link RestoredImage}. */
    public static final class RestoredImageFactory extends TypeInfoFactory<RestoredImage> {
        @Override
        public TypeInformation<RestoredImage> createTypeInfo(Type t, Map<String, TypeInformation<?>> generics) {
            return ImageTypes.RESTORED_IMAGE;
        }
    }

    /** For {@link DeadLetter}. */
    public static final class DeadLetterFactory extends TypeInfoFactory<DeadLetter> {
        @Override
        public TypeInformation<DeadLetter> createTypeInfo(Type t, Map<String, TypeInformation<?>> generics) {
            return ImageTypes.DEAD_LETTER;
        }
    }

    /** For {@link ReportLine}. */
    public static final class ReportLineFactory extends TypeInfoFactory<ReportLine> {
        @Override
        public TypeInformation<ReportLine> createTypeInfo(Type t, Map<String, TypeInformation<?>> generics) {
            return ImageTypes.REPORT_LINE;
        }
    }
}
