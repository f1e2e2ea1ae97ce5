import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** The price bid by bid, in major units: the chart draws the shape, the table beside it has the exact amounts. */
export function PriceChart({ points }: { points: { seq: number; amount: number }[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={points} margin={{ left: 16, right: 16, top: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="seq" tick={{ fontSize: 11 }} />
        <YAxis tick={{ fontSize: 11 }} domain={["auto", "auto"]} width={90} />
        <Tooltip />
        <Line type="stepAfter" dataKey="amount" stroke="#1d4ed8" isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}

/** Each listing's recovery rate, in percent. */
export function RecoveryChart({ bars }: { bars: { name: string; rate: number }[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={bars} layout="vertical" margin={{ left: 8, right: 24 }}>
        <XAxis type="number" unit="%" tick={{ fontSize: 11 }} />
        <YAxis type="category" dataKey="name" width={220} interval={0} tick={{ fontSize: 11 }} />
        <Tooltip formatter={(value) => `${Number(value).toFixed(2)}%`} />
        <Bar dataKey="rate" fill="#1d4ed8" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
