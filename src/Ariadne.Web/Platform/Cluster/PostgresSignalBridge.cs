using Ariadne.Web.Platform.Data;
using Npgsql;

namespace Ariadne.Web.Platform.Cluster;

/// <summary>
/// Carries <see cref="NodeSignals"/> between the nodes that share one PostgreSQL: one connection
/// LISTENs on <see cref="Channel"/>, another sends <c>pg_notify</c> for what this node publishes. When
/// the connection drops (a database restart, a failover to the standby) it reconnects with a growing
/// pause and wakes every topic once, since notifications sent meanwhile are lost. On SQLite there is
/// one node and nothing to carry.
/// </summary>
public sealed class PostgresSignalBridge(NodeSignals signals, IConfiguration configuration, TimeProvider time, ILogger<PostgresSignalBridge> logger)
    : BackgroundService
{
    public const string Channel = "ariadne_signals";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (DataServices.ProviderOf(configuration) != DataServices.PostgresProvider)
            return;
        var connectionString = configuration.GetConnectionString("Ariadne");
        if (string.IsNullOrWhiteSpace(connectionString))
            return;
        var pause = TimeSpan.FromSeconds(1);
        var reconnecting = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            using var session = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            try
            {
                await using var listener = new NpgsqlConnection(connectionString);
                await listener.OpenAsync(session.Token);
                listener.Notification += (_, e) => signals.Deliver(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", listener))
                    await listen.ExecuteNonQueryAsync(session.Token);
                signals.Bridged = true;
                if (reconnecting)
                {
                    signals.WakeAll();
                    logger.LogInformation("Cluster signals: listening again after a lost connection.");
                }
                pause = TimeSpan.FromSeconds(1);
                var sending = SendAsync(connectionString, session.Token);
                var listening = ListenAsync(listener, session.Token);
                // Whichever ends first (a broken connection) ends the session; the other is cancelled with it.
                var ended = await Task.WhenAny(sending, listening);
                await session.CancelAsync();
                await Task.WhenAll(sending, listening).ContinueWith(_ => { }, TaskScheduler.Default);
                await ended;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or IOException or TimeoutException or OperationCanceledException)
            {
                logger.LogWarning("Cluster signals: the connection to PostgreSQL failed ({Kind}); retrying in {Seconds} s.", e.GetType().Name, pause.TotalSeconds);
            }
            reconnecting = true;
            try
            {
                await Task.Delay(pause, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            pause = TimeSpan.FromSeconds(Math.Min(pause.TotalSeconds * 2, 30));
        }
        signals.Bridged = false;
    }

    private static async Task ListenAsync(NpgsqlConnection listener, CancellationToken ct)
    {
        while (true)
            await listener.WaitAsync(ct);
    }

    private async Task SendAsync(string connectionString, CancellationToken ct)
    {
        var outbox = signals.Outbox;
        while (await outbox.WaitToReadAsync(ct))
        {
            // What piled up meanwhile goes in one round trip, each distinct payload once.
            var payloads = new HashSet<string>(StringComparer.Ordinal);
            while (payloads.Count < 500 && outbox.TryRead(out var payload))
                payloads.Add(payload);
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(ct);
            await using var batch = new NpgsqlBatch(connection);
            foreach (var payload in payloads)
            {
                var command = new NpgsqlBatchCommand("SELECT pg_notify(@channel, @payload)");
                command.Parameters.AddWithValue("channel", Channel);
                command.Parameters.AddWithValue("payload", payload);
                batch.BatchCommands.Add(command);
            }
            await batch.ExecuteNonQueryAsync(ct);
        }
    }
}
