using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Territorio.Data.Configurations.Security;

/// <summary>Names every column of an entity in snake_case (Identity's entities have many).</summary>
internal static class SnakeCase
{
    public static void Columns(EntityTypeBuilder builder)
    {
        foreach (var property in builder.Metadata.GetProperties())
        {
            builder.Property(property.Name).HasColumnName(Of(property.Name));
        }
    }

    public static string Of(string name)
    {
        var text = new StringBuilder(name.Length + 8);
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0 && !char.IsUpper(name[i - 1]))
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }
}
