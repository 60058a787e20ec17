using System.Linq.Expressions;
using System.Reflection;

namespace Territorio.Data.Queries;

/// <summary>
/// Lets a query call an expression written once elsewhere (a visibility rule, a version's stamps):
/// in the query's shape <c>Inlined.Call(rule, a, b)</c> stands for the rule's body applied to
/// a and b, and <see cref="Expand{TDelegate}"/> puts the body in its place before EF sees the
/// query, so the database gets one statement and EF's query cache and compiled queries work as
/// for a query written by hand.
/// </summary>
public static class Inlined
{
    public static TResult Call<T1, T2, TResult>(Expression<Func<T1, T2, TResult>> rule, T1 a1, T2 a2) => throw NotExpanded();

    public static TResult Call<T1, T2, T3, TResult>(Expression<Func<T1, T2, T3, TResult>> rule, T1 a1, T2 a2, T3 a3) => throw NotExpanded();

    public static TResult Call<T1, T2, T3, T4, T5, T6, T7, T8, TResult>(
        Expression<Func<T1, T2, T3, T4, T5, T6, T7, T8, TResult>> rule, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8) => throw NotExpanded();

    /// <summary>The shape with every <see cref="Call{T1, T2, TResult}"/> replaced by the rule's body on the call's arguments.</summary>
    public static Expression<TDelegate> Expand<TDelegate>(Expression<TDelegate> shape) => (Expression<TDelegate>)new Expander().Visit(shape);

    private static InvalidOperationException NotExpanded() => new("Inlined.Call stands in a query's shape: expand the shape with Inlined.Expand");

    private sealed class Expander : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.DeclaringType != typeof(Inlined))
            {
                return base.VisitMethodCall(node);
            }

            var rule = (LambdaExpression)Evaluate(node.Arguments[0]);
            var values = rule.Parameters.Zip(node.Arguments.Skip(1).Select(a => Visit(a)!)).ToDictionary(p => p.First, p => p.Second);
            return Visit(new Substitution(values).Visit(rule.Body))!;
        }

        /// <summary>The rule itself: a static field, or a variable captured by the shape's lambda.</summary>
        private static object Evaluate(Expression expression) => expression switch
        {
            ConstantExpression constant => constant.Value!,
            MemberExpression { Member: FieldInfo field, Expression: var owner } => field.GetValue(owner is null ? null : Evaluate(owner))!,
            MemberExpression { Member: PropertyInfo property, Expression: var owner } => property.GetValue(owner is null ? null : Evaluate(owner))!,
            UnaryExpression { NodeType: ExpressionType.Quote, Operand: var quoted } => quoted,
            _ => throw new NotSupportedException($"Inlined.Call: the rule must be a field or a captured variable, not {expression}"),
        };
    }

    private sealed class Substitution(Dictionary<ParameterExpression, Expression> values) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => values.GetValueOrDefault(node, node);
    }
}
