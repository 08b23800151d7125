using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Ariadne.Web.Platform.Cluster;

/// <summary>
/// Wakes live streams on every application node. A feature's signal (the duty desk's, the helpline's,
/// a chat's) pulses its own node's streams and publishes the topic here; on PostgreSQL the
/// <see cref="PostgresSignalBridge"/> carries it to the other nodes through LISTEN/NOTIFY, and they
/// pulse their streams too. A topic and its key are never personal data: a word, and at most an
/// opaque record id. Streams also re-read the database on their own poll, so a lost notification
/// (a node restarting, a failover) delays an update by a poll interval and loses nothing.
/// </summary>
public sealed class NodeSignals
{
    private readonly ConcurrentDictionary<string, Action<string?>> handlers = new(StringComparer.Ordinal);
    private readonly Channel<string> outbox = Channel.CreateBounded<string>(new BoundedChannelOptions(10_000)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });

    /// <summary>This process's identity in the cluster, so that a node ignores its own notifications.</summary>
    public Guid NodeId { get; } = Guid.NewGuid();

    /// <summary>True while a bridge carries topics to other nodes (PostgreSQL); otherwise publishing does nothing.</summary>
    public bool Bridged { get; internal set; }

    internal ChannelReader<string> Outbox => outbox.Reader;

    /// <summary>What to do on this node when another node publishes <paramref name="topic"/>.</summary>
    public void Subscribe(string topic, Action<string?> onRemote)
    {
        Validate(topic, null);
        if (!handlers.TryAdd(topic, onRemote))
            throw new InvalidOperationException($"The topic '{topic}' already has a subscriber.");
    }

    /// <summary>Tells the other nodes that <paramref name="topic"/> changed (the caller has pulsed its own node already).</summary>
    public void Publish(string topic, string? key = null)
    {
        Validate(topic, key);
        if (Bridged)
            outbox.Writer.TryWrite(Encode(NodeId, topic, key));
    }

    /// <summary>A notification from the bridge: pulses this node's streams unless this node sent it.</summary>
    internal void Deliver(string payload)
    {
        if (Decode(payload) is not { } message || message.Node == NodeId)
            return;
        if (handlers.TryGetValue(message.Topic, out var handler))
            handler(message.Key);
    }

    /// <summary>After the bridge lost its connection, notifications may have been missed: every topic wakes once.</summary>
    internal void WakeAll()
    {
        foreach (var handler in handlers.Values)
            handler(null);
    }

    internal static string Encode(Guid node, string topic, string? key) => $"{node:N}|{topic}|{key}";

    internal static (Guid Node, string Topic, string? Key)? Decode(string payload)
    {
        var parts = payload.Split('|');
        if (parts.Length != 3 || !Guid.TryParseExact(parts[0], "N", out var node) || parts[1].Length == 0)
            return null;
        return (node, parts[1], parts[2].Length == 0 ? null : parts[2]);
    }

    private static void Validate(string topic, string? key)
    {
        if (string.IsNullOrEmpty(topic) || topic.Length > 40 || !topic.All(c => char.IsAsciiLetterLower(c) || c == '-'))
            throw new ArgumentException("A topic is a short lower-case word.", nameof(topic));
        if (key is not null && (key.Length > 64 || key.Contains('|', StringComparison.Ordinal)))
            throw new ArgumentException("A key is a short opaque id.", nameof(key));
    }
}
