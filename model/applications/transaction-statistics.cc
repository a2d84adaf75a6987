/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "transaction-statistics.h"

#include "ns3/abort.h"
#include "ns3/log.h"

#include <algorithm>
#include <gsl/gsl_statistics_double.h>
#include <iomanip>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TransactionStatistics");

TransactionStatistics::TransactionStatistics()
{
    NS_LOG_FUNCTION(this);
}

void
TransactionStatistics::Add(double value)
{
    m_samples.push_back(value);
}

void
TransactionStatistics::Add(Time value)
{
    m_samples.push_back(value.GetDouble() / Time(MilliSeconds(1)).GetDouble());
}

void
TransactionStatistics::Add(const std::vector<double>& values)
{
    m_samples.insert(m_samples.end(), values.begin(), values.end());
}

void
TransactionStatistics::Clear()
{
    m_samples.clear();
}

const std::vector<double>&
TransactionStatistics::GetSamples() const
{
    return m_samples;
}

uint32_t
TransactionStatistics::GetCount() const
{
    return m_samples.size();
}

double
TransactionStatistics::GetQuantile(double fraction) const
{
    NS_ABORT_MSG_IF(fraction < 0 || fraction > 1,
                    "TransactionStatistics: quantile " << fraction << " is not in [0, 1]");
    if (m_samples.empty())
    {
        return 0;
    }
    std::vector<double> sorted(m_samples);
    std::sort(sorted.begin(), sorted.end());
    return gsl_stats_quantile_from_sorted_data(sorted.data(), 1, sorted.size(), fraction);
}

double
TransactionStatistics::GetMean() const
{
    if (m_samples.empty())
    {
        return 0;
    }
    return gsl_stats_mean(m_samples.data(), 1, m_samples.size());
}

TransactionStatistics::Summary
TransactionStatistics::GetSummary() const
{
    Summary s;
    if (m_samples.empty())
    {
        return s;
    }
    std::vector<double> sorted(m_samples);
    std::sort(sorted.begin(), sorted.end());
    s.count = sorted.size();
    s.mean = gsl_stats_mean(sorted.data(), 1, sorted.size());
    s.min = sorted.front();
    s.max = sorted.back();
    s.p10 = gsl_stats_quantile_from_sorted_data(sorted.data(), 1, sorted.size(), 0.1);
    s.p50 = gsl_stats_quantile_from_sorted_data(sorted.data(), 1, sorted.size(), 0.5);
    s.p90 = gsl_stats_quantile_from_sorted_data(sorted.data(), 1, sorted.size(), 0.9);
    s.p99 = gsl_stats_quantile_from_sorted_data(sorted.data(), 1, sorted.size(), 0.99);
    return s;
}

std::string
TransactionStatistics::Format(double value, int decimals)
{
    std::ostringstream os;
    os << std::fixed << std::setprecision(decimals) << value;
    std::string text = os.str();
    if (text.find_first_not_of("-0.") == std::string::npos && text[0] == '-')
    {
        text.erase(0, 1); // "-0.000" -> "0.000"
    }
    return text;
}

double
TransactionStatistics::Improvement(double without, double with)
{
    if (without == 0)
    {
        return 0;
    }
    return 100.0 * (without - with) / without;
}

std::string
TransactionStatistics::GetTransactionsCsvHeader(const std::vector<std::string>& labels)
{
    std::string header;
    for (const std::string& label : labels)
    {
        header += label + ",";
    }
    return header + "index,warmup,connection,new_connection,request_bytes,response_bytes,"
                    "syn_data_bytes,syn_data_acked,completed,start_ms,connected_ms,first_byte_ms,"
                    "completion_ms,latency_ms";
}

void
TransactionStatistics::WriteTransactionsCsv(std::ostream& os,
                                            const std::vector<std::string>& labels,
                                            const std::vector<TransactionRecord>& records,
                                            uint32_t warmups)
{
    auto ms = [](Time t) { return Format(t.GetDouble() / Time(MilliSeconds(1)).GetDouble()); };
    for (const TransactionRecord& r : records)
    {
        for (const std::string& label : labels)
        {
            os << label << ",";
        }
        os << r.index << "," << (r.index < warmups ? 1 : 0) << "," << r.connection << ","
           << (r.newConnection ? 1 : 0) << "," << r.requestSize << "," << r.responseSize << ","
           << r.synDataBytes << "," << (r.synDataAcked ? 1 : 0) << "," << (r.completed ? 1 : 0)
           << "," << ms(r.start) << "," << ms(r.connected) << "," << ms(r.firstByte) << ","
           << ms(r.completion) << "," << (r.completed ? ms(r.GetLatency()) : std::string(""))
           << "\n";
    }
}

} // namespace ns3
