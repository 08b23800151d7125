using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Platform.Crypto;

/// <summary>
/// Field encryption, declared once per property in the entity's mapping (<c>e.Property(p => p.GivenNameEnc).IsEncrypted()</c>).
/// Code then seals and opens a field by naming the property: the table, the column and the row id that
/// <see cref="FieldCipher"/> binds into the ciphertext come from the model, never spelled out by hand, and a
/// property that is not declared encrypted is refused. The data key is the caller's (the person's or the
/// referral's), unwrapped once per request by <see cref="DataKeys"/>.
/// </summary>
public static class EncryptedFields
{
    public const string Annotation = "Ariadne:Encrypted";

    /// <summary>Declares the column as a ciphertext under the row's data key.</summary>
    public static PropertyBuilder IsEncrypted(this PropertyBuilder property) => property.HasAnnotation(Annotation, true);

    private sealed record Column(string Table, string Name, Func<object, Guid> RowId, Func<object, byte[]?> Value);

    private static readonly ConcurrentDictionary<(Type, string), Column> Columns = new();

    extension(AriadneDbContext db)
    {
        /// <summary>Encrypts <paramref name="clear"/> for <paramref name="property"/> of <paramref name="row"/> (null stays null).</summary>
        public byte[]? Seal<T>(T row, Expression<Func<T, byte[]?>> property, string? clear, ReadOnlySpan<byte> key, Guid keyId) where T : class
        {
            var column = db.ColumnOf(property);
            return FieldCipher.Encrypt(key, clear, column.Table, column.Name, column.RowId(row), keyId);
        }

        /// <summary>Decrypts the field as <paramref name="row"/> holds it.</summary>
        public string? Open<T>(T row, Expression<Func<T, byte[]?>> property, ReadOnlySpan<byte> key, Guid keyId) where T : class
        {
            var column = db.ColumnOf(property);
            return FieldCipher.Decrypt(key, column.Value(row), column.Table, column.Name, column.RowId(row), keyId);
        }

        /// <summary>Decrypts a field read by a projection (no entity at hand): its value and its row's id.</summary>
        public string? Open<T>(Expression<Func<T, byte[]?>> property, byte[]? value, Guid rowId, ReadOnlySpan<byte> key, Guid keyId) where T : class
        {
            var column = db.ColumnOf(property);
            return FieldCipher.Decrypt(key, value, column.Table, column.Name, rowId, keyId);
        }

        /// <summary>Binary content (a supporting file) in the same format.</summary>
        public byte[] SealBytes<T>(T row, Expression<Func<T, byte[]?>> property, ReadOnlySpan<byte> clear, ReadOnlySpan<byte> key, Guid keyId) where T : class
        {
            var column = db.ColumnOf(property);
            return FieldCipher.EncryptBytes(key, clear, column.Table, column.Name, column.RowId(row), keyId);
        }

        /// <inheritdoc cref="SealBytes"/>
        public byte[] OpenBytes<T>(Expression<Func<T, byte[]?>> property, byte[] value, Guid rowId, ReadOnlySpan<byte> key, Guid keyId) where T : class
        {
            var column = db.ColumnOf(property);
            return FieldCipher.DecryptBytes(key, value, column.Table, column.Name, rowId, keyId);
        }

        private Column ColumnOf<T>(Expression<Func<T, byte[]?>> property)
        {
            var name = property.Body is MemberExpression { Member: PropertyInfo p } ? p.Name
                : throw new ArgumentException("Name the property itself, e.g. p => p.GivenNameEnc.", nameof(property));
            var model = db.Model;
            return Columns.GetOrAdd((typeof(T), name), _ =>
            {
                var entity = model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not an entity.");
                var column = entity.FindProperty(name) ?? throw new InvalidOperationException($"{typeof(T).Name}.{name} is not mapped.");
                if (column.FindAnnotation(Annotation)?.Value is not true)
                    throw new InvalidOperationException($"{typeof(T).Name}.{name} is not declared encrypted (IsEncrypted() in its configuration).");
                var key = entity.FindPrimaryKey()!.Properties.Single().PropertyInfo!;
                var value = column.PropertyInfo!;
                return new Column(entity.GetTableName()!, name, row => (Guid)key.GetValue(row)!, row => (byte[]?)value.GetValue(row));
            });
        }
    }
}
