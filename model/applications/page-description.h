/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef PAGE_DESCRIPTION_H
#define PAGE_DESCRIPTION_H

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-fast-open
 *
 * \brief The shape of a web page for PageLoadClient: a base object fetched
 * from origin 1, then embedded objects, each from a given origin (1-based).
 *
 * Text form (command line or one line of a file):
 * \verbatim
   name:base=14000;objects=20x8000@1,10x3000@2
   \endverbatim
 * "name:" is optional; "objects=" lists groups COUNTxBYTES@ORIGIN (the
 * origin defaults to 1 when "@ORIGIN" is left out) and may be empty. Spaces
 * are ignored. A file holds one page per line; '#' starts a comment.
 */
class PageDescription
{
  public:
    /// Objects of one size from one origin.
    struct ObjectGroup
    {
        uint32_t count{0};  //!< how many objects
        uint32_t size{0};   //!< bytes of each
        uint32_t origin{1}; //!< 1-based origin
    };

    PageDescription();

    /**
     * \brief Parse the text form.
     * \param text the page
     * \param[out] error why it is invalid (when false is returned)
     * \return true if \p text is a valid page (then this object holds it)
     */
    bool Parse(const std::string& text, std::string& error);

    /**
     * \brief Read pages from a file, one per line.
     * \param path the file
     * \param[out] pages the pages
     * \param[out] error why the file is invalid (with its line number)
     * \return true on success
     */
    static bool ReadFile(const std::string& path,
                         std::vector<PageDescription>& pages,
                         std::string& error);

    /// \return the page's name ("" if none)
    const std::string& GetName() const;
    /// \param name the page's name
    void SetName(const std::string& name);
    /// \return bytes of the base object
    uint32_t GetBaseSize() const;
    /// \param size bytes of the base object
    void SetBaseSize(uint32_t size);
    /// \return the embedded object groups
    const std::vector<ObjectGroup>& GetGroups() const;
    /// \param group one more group of embedded objects
    void AddGroup(const ObjectGroup& group);

    /// \return the number of origins (the highest origin used, at least 1)
    uint32_t GetOriginCount() const;
    /// \return the number of embedded objects
    uint32_t GetObjectCount() const;
    /// \return bytes of the base object and all embedded objects
    uint64_t GetTotalBytes() const;

    /**
     * \return the embedded objects in fetch order: origin and size of each,
     * groups expanded in the order given
     */
    std::vector<ObjectGroup> GetObjects() const;

    /// \return the text form (which Parse() reads back)
    std::string ToString() const;

  private:
    std::string m_name;                //!< name
    uint32_t m_baseSize{0};            //!< base object bytes
    std::vector<ObjectGroup> m_groups; //!< embedded objects
};

} // namespace ns3

#endif /* PAGE_DESCRIPTION_H */
