/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TRANSACTION_STATISTICS_H
#define TRANSACTION_STATISTICS_H

#include "request-response-client.h"

#include "ns3/nstime.h"

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-fast-open
 *
 * \brief Exact summary statistics of a set of samples (latencies in
 * milliseconds, for instance) and the module's fixed-format CSV output.
 *
 * Percentiles are GSL's gsl_stats_quantile_from_sorted_data on the sorted
 * samples: for a quantile f of n samples, the value at (n - 1) f, linearly
 * interpolated between its two neighbours (the definition of R's type 7 and
 * of numpy.percentile's default). No streaming approximation is involved.
 *
 * Numbers in CSV are printed with std::fixed and a fixed number of decimals,
 * so that the same simulation gives byte-identical files.
 */
class TransactionStatistics
{
  public:
    /// The summary of a sample set.
    struct Summary
    {
        uint32_t count{0}; //!< samples
        double mean{0};    //!< arithmetic mean
        double min{0};     //!< smallest sample
        double p10{0};     //!< 10th percentile
        double p50{0};     //!< median
        double p90{0};     //!< 90th percentile
        double p99{0};     //!< 99th percentile
        double max{0};     //!< largest sample
    };

    TransactionStatistics();

    /// \param value one more sample
    void Add(double value);
    /// \param value one more sample, in milliseconds
    void Add(Time value);
    /// \param values more samples
    void Add(const std::vector<double>& values);
    /// Forget every sample.
    void Clear();

    /// \return the samples, in the order they were added
    const std::vector<double>& GetSamples() const;
    /// \return the number of samples
    uint32_t GetCount() const;

    /**
     * \param fraction the quantile, in [0, 1] (0.5 for the median)
     * \return the quantile (0 without samples)
     */
    double GetQuantile(double fraction) const;

    /// \return the mean (0 without samples)
    double GetMean() const;

    /// \return count, mean, min, p50, p90, p99 and max (all 0 without samples)
    Summary GetSummary() const;

    /**
     * \brief Format a number as the CSV files do.
     * \param value the number
     * \param decimals digits after the point
     * \return the text ("12.345")
     */
    static std::string Format(double value, int decimals = 3);

    /**
     * \brief Relative improvement of \p with over \p without, in percent:
     * 100 (without - with) / without (0 if without is 0).
     * \param without the baseline
     * \param with the new value
     * \return the improvement
     */
    static double Improvement(double without, double with);

    /**
     * \brief The header line of WriteTransactionsCsv.
     * \param labels the names of the leading label columns (e.g. "rtt_ms", "tfo")
     * \return the header (no trailing newline)
     */
    static std::string GetTransactionsCsvHeader(const std::vector<std::string>& labels);

    /**
     * \brief Write one CSV row per transaction: the label columns, then
     * index, warm-up (1 for the first \p warmups transactions: they are left
     * out of the statistics), connection, new connection, request and response
     * bytes, SYN data bytes and whether they were acknowledged, completed, and
     * start, connected, first byte and completion times and the latency in ms
     * (3 decimals, i.e. microseconds).
     * \param os where to write
     * \param labels the values of the label columns, one per name given to
     *        GetTransactionsCsvHeader (e.g. "50.000", "on"); written as they are,
     *        so they should hold no comma or newline
     * \param records the transactions
     * \param warmups how many leading transactions are warm-ups
     */
    static void WriteTransactionsCsv(std::ostream& os,
                                     const std::vector<std::string>& labels,
                                     const std::vector<TransactionRecord>& records,
                                     uint32_t warmups);

  private:
    std::vector<double> m_samples; //!< every sample
};

} // namespace ns3

#endif /* TRANSACTION_STATISTICS_H */
