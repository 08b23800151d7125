using System.Buffers.Binary;
using System.Security.Cryptography;
using Ariadne.Web.Platform.Crypto;

namespace Ariadne.Web.Platform.Backup;

/// <summary>
/// The encrypted container of a backup file. A plaintext header (magic, format, a random salt, a key-check value,
/// the chunk size) is followed by chunks of at most <see cref="ChunkSize"/> bytes, each sealed with AES-256-GCM under
/// its own random nonce. The header, the chunk's index and whether it is the last one are bound into each chunk as
/// associated data, so a chunk changed, dropped, moved or cut off — or a file cut after any chunk but the last — does
/// not open. The key is derived (HKDF-SHA256, the file's salt) from the key ring's blind-index key, which never
/// rotates: the file is useless without the key ring, and no key of the ring is ever written into it.
/// </summary>
public static class BackupCipher
{
    public const int ChunkSize = 1 << 20;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] Magic = "ARIADNE-BACKUP\n"u8.ToArray();
    private const byte Format = 1;
    private const int HeaderSize = 15 + 1 + 32 + 32 + 4;

    /// <summary>Starts a new file on <paramref name="output"/>: writes the header; the returned stream seals what is written to it.</summary>
    public static Stream Seal(Stream output, KeyRing ring)
    {
        var salt = RandomNumberGenerator.GetBytes(32);
        var key = DeriveKey(ring, salt);
        var header = new byte[HeaderSize];
        Magic.CopyTo(header, 0);
        header[15] = Format;
        salt.CopyTo(header, 16);
        KeyCheck(key).CopyTo(header, 48);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(80), ChunkSize);
        output.Write(header);
        return new SealingStream(output, key, header);
    }

    /// <summary>Reads the header of <paramref name="input"/>; the returned stream gives the plaintext, or throws <see cref="BackupFileException"/>.</summary>
    public static Stream Open(Stream input, KeyRing ring)
    {
        var header = new byte[HeaderSize];
        if (!TryReadExactly(input, header) || !header.AsSpan(0, 15).SequenceEqual(Magic))
            throw new BackupFileException("the file is not an Ariadne backup");
        if (header[15] != Format)
            throw new BackupFileException($"the backup's format {header[15]} is not one this version reads");
        if (BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(80)) != ChunkSize)
            throw new BackupFileException("the backup's header is damaged");
        var key = DeriveKey(ring, header.AsSpan(16, 32).ToArray());
        if (!CryptographicOperations.FixedTimeEquals(KeyCheck(key), header.AsSpan(48, 32)))
            throw new BackupFileException("the backup was not written with this key ring (or its header was altered)");
        return new OpeningStream(input, key, header);
    }

    private static byte[] DeriveKey(KeyRing ring, byte[] salt) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, ring.BlindIndexKey, 32, salt, "ariadne-backup/v1"u8.ToArray());

    private static byte[] KeyCheck(byte[] key) => HMACSHA256.HashData(key, "ariadne-backup-key-check/v1"u8);

    private static byte[] AssociatedData(byte[] header, long index, bool final)
    {
        var data = new byte[header.Length + 9];
        header.CopyTo(data, 0);
        BinaryPrimitives.WriteInt64BigEndian(data.AsSpan(header.Length), index);
        data[^1] = final ? (byte)1 : (byte)0;
        return data;
    }

    private static bool TryReadExactly(Stream input, Span<byte> buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = input.Read(buffer[read..]);
            if (n == 0)
                return false;
            read += n;
        }
        return true;
    }

    /// <summary>Buffers a chunk; each full chunk is sealed and written; <see cref="Stream.Dispose()"/> seals the final one.</summary>
    private sealed class SealingStream(Stream output, byte[] key, byte[] header) : Stream
    {
        private readonly AesGcm _aes = new(key, TagSize);
        private readonly byte[] _buffer = new byte[ChunkSize];
        private readonly byte[] _cipher = new byte[ChunkSize];
        private int _filled;
        private long _index;
        private bool _closed;

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            while (buffer.Length > 0)
            {
                if (_filled == ChunkSize)
                    WriteChunk(final: false); // only once more bytes come: the last chunk is sealed as final at Dispose
                var n = Math.Min(buffer.Length, ChunkSize - _filled);
                buffer[..n].CopyTo(_buffer.AsSpan(_filled));
                _filled += n;
                buffer = buffer[n..];
            }
        }

        private void WriteChunk(bool final)
        {
            var nonce = RandomNumberGenerator.GetBytes(NonceSize);
            Span<byte> tag = stackalloc byte[TagSize];
            _aes.Encrypt(nonce, _buffer.AsSpan(0, _filled), _cipher.AsSpan(0, _filled), tag, AssociatedData(header, _index, final));
            Span<byte> length = stackalloc byte[4];
            BinaryPrimitives.WriteInt32BigEndian(length, _filled);
            output.Write(length);
            output.Write(nonce);
            output.Write(_cipher.AsSpan(0, _filled));
            output.Write(tag);
            _index++;
            _filled = 0;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_closed)
            {
                WriteChunk(final: true);
                output.Flush();
                _closed = true;
                _aes.Dispose();
                CryptographicOperations.ZeroMemory(_buffer);
            }
            base.Dispose(disposing);
        }

        public override void Flush() { }
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => !_closed;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    /// <summary>Opens chunk after chunk; ends only after the final chunk, and only if nothing follows it.</summary>
    private sealed class OpeningStream(Stream input, byte[] key, byte[] header) : Stream
    {
        private readonly AesGcm _aes = new(key, TagSize);
        private readonly byte[] _plain = new byte[ChunkSize];
        private readonly byte[] _cipher = new byte[ChunkSize];
        private int _position;
        private int _length;
        private long _index;
        private bool _final;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            while (_position == _length)
            {
                if (_final)
                    return 0;
                NextChunk();
            }
            var n = Math.Min(buffer.Length, _length - _position);
            _plain.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        private void NextChunk()
        {
            Span<byte> length = stackalloc byte[4];
            if (!TryReadExactly(input, length))
                throw new BackupFileException($"the backup ends early, after chunk {_index} (truncated)");
            var size = BinaryPrimitives.ReadInt32BigEndian(length);
            if (size < 0 || size > ChunkSize)
                throw new BackupFileException($"chunk {_index} of the backup is damaged");
            Span<byte> nonce = stackalloc byte[NonceSize];
            Span<byte> tag = stackalloc byte[TagSize];
            if (!TryReadExactly(input, nonce) || !TryReadExactly(input, _cipher.AsSpan(0, size)) || !TryReadExactly(input, tag))
                throw new BackupFileException($"the backup ends early, in chunk {_index} (truncated)");
            // The final flag is not stored: a chunk opens either as the last one or as one that others follow.
            var final = input.Position == input.Length;
            try
            {
                _aes.Decrypt(nonce, _cipher.AsSpan(0, size), tag, _plain.AsSpan(0, size), AssociatedData(header, _index, final));
            }
            catch (AuthenticationTagMismatchException)
            {
                throw new BackupFileException(final
                    ? $"the backup ends early or was altered (chunk {_index} does not open as the last one)"
                    : $"chunk {_index} of the backup was altered or moved");
            }
            _final = final;
            _index++;
            _position = 0;
            _length = size;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _aes.Dispose();
                CryptographicOperations.ZeroMemory(_plain);
            }
            base.Dispose(disposing);
        }

        public override void Flush() { }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
