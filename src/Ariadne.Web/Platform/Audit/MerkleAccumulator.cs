using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Ariadne.Web.Platform.Audit;

/// <summary>
/// Streams leaves and yields the RFC 9162 tree head for the current size at any point, in O(log n)
/// memory: the stack holds the roots of the perfect subtrees, largest first.
/// </summary>
public sealed class MerkleAccumulator
{
    private readonly List<(int Height, byte[] Hash)> _stack = [];

    public long Size { get; private set; }

    public void Add(ReadOnlySpan<byte> eventHash) => AddLeaf(AuditHashing.LeafHash(eventHash));

    /// <summary>Adds a leaf already hashed (H(0x00 || data)).</summary>
    public void AddLeaf(byte[] leaf)
    {
        var node = (Height: 0, Hash: leaf);
        while (_stack.Count > 0 && _stack[^1].Height == node.Height)
        {
            node = (node.Height + 1, AuditHashing.NodeHash(_stack[^1].Hash, node.Hash));
            _stack.RemoveAt(_stack.Count - 1);
        }
        _stack.Add(node);
        Size++;
    }

    /// <summary>MTH of the leaves so far; the empty tree hashes to SHA-256 of nothing.</summary>
    public byte[] Root()
    {
        if (_stack.Count == 0)
            return SHA256.HashData([]);
        var root = _stack[^1].Hash;
        for (var i = _stack.Count - 2; i >= 0; i--)
            root = AuditHashing.NodeHash(_stack[i].Hash, root);
        return root;
    }
}
