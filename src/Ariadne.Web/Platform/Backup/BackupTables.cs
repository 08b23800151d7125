using System.Data.Common;
using System.Reflection;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Ariadne.Web.Platform.Backup;

/// <summary>
/// Every table of the one DbContext's model, principals before the tables that refer to them, each with its columns
/// and how to read and write a column's value in the model's own type (the provider's conversion applied by the
/// column's type mapping). Nothing here names a module's table: a new table is backed up because it is in the model.
/// </summary>
internal sealed class BackupTables
{
    public BackupTables(AriadneDbContext db)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        Quote = sql.DelimitIdentifier;
        var tables = db.Model.GetRelationalModel().Tables.Where(t => t.Schema is null).ToList();
        Tables = [.. Order(tables).Select(t => new Table(t, Quote))];
    }

    public Func<string, string> Quote { get; }
    public IReadOnlyList<Table> Tables { get; }

    /// <summary>The last migration's name without its timestamp: the schema a backup's rows fit.</summary>
    public static string Schema(AriadneDbContext db) => db.Database.GetMigrations().Last().Split('_', 2)[1];

    /// <summary>Principals first (a table's foreign keys to itself do not count); the names break ties, so the order is stable.</summary>
    private static IEnumerable<ITable> Order(List<ITable> tables)
    {
        var done = new HashSet<ITable>();
        var pending = tables.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        while (pending.Count > 0)
        {
            var next = pending.FirstOrDefault(t => t.ForeignKeyConstraints.All(fk => fk.PrincipalTable == t || done.Contains(fk.PrincipalTable)))
                ?? throw new InvalidOperationException("The tables' foreign keys form a cycle; a backup cannot order them.");
            done.Add(next);
            pending.Remove(next);
            yield return next;
        }
    }

    internal sealed class Table
    {
        public Table(ITable table, Func<string, string> quote)
        {
            Name = table.Name;
            Columns = [.. table.Columns.Where(c => c.ComputedColumnSql is null).OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => new Column(c))];
            var key = table.PrimaryKey?.Columns.Select(c => quote(c.Name)) ?? Columns.Select(c => quote(c.Name));
            Select = $"SELECT {string.Join(", ", Columns.Select(c => quote(c.Name)))} FROM {quote(Name)} ORDER BY {string.Join(", ", key)}";
            SelfReferencing = table.ForeignKeyConstraints.Any(fk => fk.PrincipalTable == table);
        }

        public string Name { get; }
        public IReadOnlyList<Column> Columns { get; }
        public string Select { get; }
        public bool SelfReferencing { get; }
    }

    internal sealed class Column
    {
        private static readonly MethodInfo GetField = typeof(DbDataReader).GetMethod(nameof(DbDataReader.GetFieldValue))!;

        public Column(IColumn column)
        {
            Name = column.Name;
            StoreType = column.StoreType;
            if (column.PropertyMappings.Count > 0 && column.PropertyMappings[0] is var mapping)
            {
                Mapping = mapping.TypeMapping;
                ModelType = mapping.Property.ClrType;
                var provider = Mapping.Converter?.ProviderClrType ?? Mapping.ClrType;
                _get = GetField.MakeGenericMethod(Nullable.GetUnderlyingType(provider) ?? provider);
            }
            else
            {
                // A JSON column (an owned type stored as a document): its text, as the database holds it.
                ModelType = typeof(string);
                _get = GetField.MakeGenericMethod(typeof(string));
            }
        }

        private readonly MethodInfo _get;

        public string Name { get; }
        public string StoreType { get; }
        /// <summary>Null for a JSON column, whose text is written through a cast to its store type.</summary>
        public RelationalTypeMapping? Mapping { get; }
        public Type ModelType { get; }

        /// <summary>The value in the model's type (an enum, a DateTimeOffset), not the provider's (a string, ticks).</summary>
        public object? Read(DbDataReader reader, int ordinal)
        {
            if (reader.IsDBNull(ordinal))
                return null;
            var value = _get.Invoke(reader, [ordinal]);
            return Mapping?.Converter is { } converter ? converter.ConvertFromProvider(value) : value;
        }
    }
}
