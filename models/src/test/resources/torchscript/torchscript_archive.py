"""The TorchScript archive writer shared by make_tiny_unet.py and make_tiny_depth.py: the pickle
opcodes torch's Unpickler reads, tensors over persistent-id storages, and 64-byte aligned records
(see make_tiny_unet.py for the layout and the PyTorch sources it follows). Standard library only."""

import struct
import zipfile

# Pickle protocol 2 opcodes (Lib/pickletools.py), the subset torch's Unpickler reads.
PROTO, STOP, MARK, TUPLE, EMPTY_TUPLE = b"\x80", b".", b"(", b"t", b")"
EMPTY_DICT, SETITEMS, BUILD, REDUCE, NEWOBJ = b"}", b"u", b"b", b"R", b"\x81"
BINPERSID, NEWTRUE, NEWFALSE = b"Q", b"\x88", b"\x89"


def global_(module, name):
    return b"c" + module.encode() + b"\n" + name.encode() + b"\n"


def string(text):
    data = text.encode("utf-8")
    return b"X" + struct.pack("<I", len(data)) + data


def integer(value):
    if 0 <= value < 256:
        return b"K" + struct.pack("<B", value)
    return b"J" + struct.pack("<i", value)


def int_tuple(values):
    return MARK + b"".join(integer(v) for v in values) + TUPLE


def tensor(key, shape):
    """A float32 tensor of `shape` whose contiguous storage is record data/<key>."""
    numel = 1
    for s in shape:
        numel *= s
    strides, step = [], 1
    for s in reversed(shape):
        strides.insert(0, step)
        step *= s
    storage = (MARK + string("storage") + global_("torch", "FloatStorage") + string(key)
               + string("cpu") + integer(numel) + TUPLE + BINPERSID)
    backward_hooks = global_("collections", "OrderedDict") + EMPTY_TUPLE + REDUCE
    return (global_("torch._utils", "_rebuild_tensor_v2") + MARK + storage + integer(0)
            + int_tuple(shape) + int_tuple(strides) + NEWTRUE + backward_hooks + TUPLE + REDUCE)


def floats(values):
    return struct.pack("<%df" % len(values), *values)


def add_record(archive, archive_name, name, data, align=64):
    """Adds an uncompressed record whose bytes start on an `align` boundary, padded the way
    PyTorchStreamWriter pads (an extra field with id 'FB' filled with 'Z')."""
    info = zipfile.ZipInfo(archive_name + "/" + name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_STORED
    header_end = archive.fp.tell() + 30 + len(info.filename.encode()) + 4
    padding = (-header_end) % align
    info.extra = b"FB" + struct.pack("<H", padding) + b"Z" * padding
    archive.writestr(info, data)


def module_object(class_name, attributes):
    """The pickled module: an instance of __torch__.<class_name> whose state is `attributes`."""
    return (PROTO + b"\x02" + global_("__torch__", class_name) + EMPTY_TUPLE + NEWOBJ
            + EMPTY_DICT + MARK + attributes + SETITEMS + BUILD + STOP)


def write_archive(output, archive_name, module, code, storages):
    """Writes the archive: the module pickle, its TorchScript source, storages data/0.. (lists of
    float32 values, in the order the pickle's tensors name them), the empty constant table, the
    file format version and the byte order."""
    with zipfile.ZipFile(output, "w", zipfile.ZIP_STORED) as archive:
        add_record(archive, archive_name, "data.pkl", module)
        add_record(archive, archive_name, "code/__torch__.py", code.encode("utf-8"))
        for key, values in enumerate(storages):
            add_record(archive, archive_name, "data/%d" % key, floats(values))
        add_record(archive, archive_name, "constants.pkl", PROTO + b"\x02" + EMPTY_TUPLE + STOP)
        add_record(archive, archive_name, "version", b"3\n")
        add_record(archive, archive_name, "byteorder", b"little")
