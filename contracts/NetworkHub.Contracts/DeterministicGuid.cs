using System.Security.Cryptography;
using System.Text;

namespace NetworkHub.Contracts;

/// <summary>
/// Name-based ids (RFC 9562 version 8 layout over SHA-256): the same input always yields the same id, so
/// a message regenerated after a crash carries the id its recipient already deduplicates on.
/// </summary>
public static class DeterministicGuid
{
    public static Guid Create(Guid basis, string name)
    {
        Span<byte> input = stackalloc byte[16 + Encoding.UTF8.GetMaxByteCount(name.Length)];
        basis.TryWriteBytes(input, bigEndian: true, out _);
        var length = 16 + Encoding.UTF8.GetBytes(name, input[16..]);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input[..length], hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // version 8
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC variant
        return new Guid(hash[..16], bigEndian: true);
    }
}
